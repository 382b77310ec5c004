package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_RETIRED_HMAC;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_LEGACY_EC;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static io.keyledger.testkit.report.ReportFixtures.at;
import static io.keyledger.testkit.report.ReportFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.event.Action;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.report.CsvParsing;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChangesReportTest {

    private final ReportFixtures f = ReportFixtures.standard();
    private final ChangesReport report = new ChangesReport(f.store, f.clock, AnomalyPolicies.DEFAULT);

    private List<Map<String, String>> csv(Optional<Instant> from, Optional<Instant> to, AssetQuery filter)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(TENANT, from, to, filter, out);
        return CsvParsing.rows(out.toString(StandardCharsets.UTF_8));
    }

    private static Optional<Instant> t(String iso) {
        return Optional.of(at(iso));
    }

    @Test
    void aPeriodListsEachStatusChangeWithWhoWhatWhenAndWhere() throws IOException {
        List<Map<String, String>> rows = csv(t("2026-02-01T00:00:00Z"), t("2026-03-01T00:00:00Z"), AssetQuery.ALL);

        assertThat(rows).extracting(r -> r.get("action") + " " + r.get("outcome") + " " + r.get("stateBefore")
                + "->" + r.get("stateAfter")).containsExactly(
                "DISABLE FAILURE ACTIVE->ACTIVE",
                "DISABLE SUCCESS ACTIVE->SUSPENDED",
                "SCHEDULE_DESTRUCTION SUCCESS SUSPENDED->DEACTIVATED",
                "DESTROY SUCCESS DEACTIVATED->DESTROYED",
                "DISABLE SUCCESS ACTIVE->SUSPENDED");
        Map<String, String> disable = rows.get(1);
        assertThat(disable).containsEntry("keyId", AWS_RETIRED_HMAC.id())
                .containsEntry("eventTime", "2026-02-03T09:00:00Z")
                .containsEntry("recordedAt", "2026-02-03T09:00:05Z")
                .containsEntry("principal", "arn:aws:iam::111122223333:role/KeyAdmin")
                .containsEntry("actorType", "ROLE")
                .containsEntry("sourceIp", "198.51.100.7")
                .containsEntry("userAgent", "aws-cli/2.15.0 Python/3.11")
                .containsEntry("channel", "cloudtrail")
                .containsEntry("nativeOperation", "DisableKey")
                .containsEntry("nativeStateAfter", "Disabled")
                .containsEntry("changeReference", "CHG-1042");
        assertThat(disable.get("sourceLocation")).endsWith(".json.gz");
        assertThat(rows.get(0)).containsEntry("principal", "arn:aws:iam::111122223333:user/mallory")
                .containsEntry("errorCode", "AccessDeniedException").containsEntry("sourceIp", "203.0.113.66");
        assertThat(rows.get(4)).containsEntry("keyId", AZURE_LEGACY_EC.id()).containsEntry("provider", "azure")
                .containsEntry("principal", "admin@contoso.example").containsEntry("channel", "azure-audit");
        assertThat(rows).extracting(r -> Long.parseLong(r.get("ledgerSequence"))).isSorted();
    }

    @Test
    void thePeriodIncludesItsStartAndExcludesItsEnd() throws IOException {
        List<Map<String, String>> rows = csv(t("2026-02-03T09:05:00Z"), t("2026-02-10T09:05:00Z"), AssetQuery.ALL);

        assertThat(rows).extracting(r -> r.get("action")).containsExactly("SCHEDULE_DESTRUCTION");
    }

    @Test
    void creationsAndRotationsAreLifecycleStepsButTagsAreNot() throws IOException {
        f.apply(f.event(AZURE_LEGACY_EC, at("2026-02-21T10:00:00Z"), Action.TAG, attrs("tag.team", "apps")));

        List<Map<String, String>> rows = csv(Optional.empty(), Optional.empty(), AssetQuery.ALL);

        assertThat(rows).extracting(r -> r.get("action")).contains("CREATE", "ROTATE").doesNotContain("TAG");
        assertThat(rows).filteredOn(r -> r.get("action").equals("CREATE")).hasSize(8)
                .allSatisfy(r -> assertThat(r.get("stateBefore")).isEmpty())
                .allSatisfy(r -> assertThat(r.get("stateAfter")).isEqualTo("ACTIVE"));
    }

    @Test
    void aLateEventGetsTheStatesOfItsPlaceInTheKeysHistoryAndComesInArrivalOrder() throws IOException {
        // Re-enabled on the 25th; a disable of the 22nd arrives only afterwards.
        f.apply(f.event(AZURE_LEGACY_EC, at("2026-02-25T08:00:00Z"), Action.ENABLE,
                attrs("nativeState", "enabled", "tag.change-ticket", "CHG-7")));
        f.clock.set(at("2026-02-26T00:00:00Z"));
        f.service.apply(List.of(f.event(AZURE_LEGACY_EC, at("2026-02-22T08:00:00Z"), Action.DISABLE,
                attrs("nativeState", "disabled"))));

        List<Map<String, String>> rows = csv(t("2026-02-21T00:00:00Z"), Optional.empty(), AssetQuery.ALL);

        assertThat(rows).extracting(r -> r.get("action") + " " + r.get("eventTime") + " " + r.get("stateBefore") + "->"
                + r.get("stateAfter")).containsExactly(
                "ENABLE 2026-02-25T08:00:00Z SUSPENDED->ACTIVE",
                "DISABLE 2026-02-22T08:00:00Z SUSPENDED->SUSPENDED");
        assertThat(rows.get(0)).containsEntry("changeReference", "CHG-7");
        assertThat(rows.get(1).get("recordedAt")).isEqualTo("2026-02-26T00:00:00Z");
    }

    @Test
    void theFilterKeepsTheChangesOfMatchingKeys() throws IOException {
        List<Map<String, String>> rows = csv(t("2026-02-01T00:00:00Z"), Optional.empty(),
                AssetQuery.ALL.withProvider(Provider.AZURE));

        assertThat(rows).extracting(r -> r.get("keyId")).containsExactly(AZURE_LEGACY_EC.id());
    }

    @Test
    void jsonNamesThePeriodAndCountsByAction() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = report.writeJson(TENANT, t("2026-02-01T00:00:00Z"), t("2026-03-01T00:00:00Z"), AssetQuery.ALL, out);
        JsonNode root = Json.mapper().readTree(out.toByteArray());

        assertThat(n).isEqualTo(5);
        assertThat(root.get("from").asString()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(root.get("to").asString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(root.get("changes")).hasSize(5);
        assertThat(root.get("changes").get(1).get("stateAfter").asString()).isEqualTo("SUSPENDED");
        assertThat(root.get("summary").get("byAction").get("DISABLE").asLong()).isEqualTo(3);
        assertThat(root.get("summary").get("refused").asLong()).isEqualTo(1);
        assertThat(root.get("count").asLong()).isEqualTo(5);
    }

    @Test
    void anEmptyOrReversedPeriodIsRefusedNamingFrom() {
        assertThatThrownBy(() -> csv(t("2026-02-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), AssetQuery.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> csv(t("2026-03-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), AssetQuery.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
    }
}
