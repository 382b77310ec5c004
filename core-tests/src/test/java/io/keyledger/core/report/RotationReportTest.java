package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_MANAGED_S3;
import static io.keyledger.testkit.report.ReportFixtures.AWS_PAYMENTS;
import static io.keyledger.testkit.report.ReportFixtures.AWS_RETIRED_HMAC;
import static io.keyledger.testkit.report.ReportFixtures.AWS_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_LEGACY_EC;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_TENANT_CMK;
import static io.keyledger.testkit.report.ReportFixtures.GCP_PQ_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.GCP_VERTEX;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.report.CsvParsing;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RotationReportTest {

    private final ReportFixtures f = ReportFixtures.standard();

    private Map<String, Map<String, String>> rows(AnomalyPolicies policies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RotationReport(f.store, f.clock, policies).writeCsv(TENANT, AssetQuery.ALL, out);
        Map<String, Map<String, String>> byId = new HashMap<>();
        CsvParsing.rows(out.toString(StandardCharsets.UTF_8)).forEach(r -> byId.put(r.get("id"), r));
        return byId;
    }

    @Test
    void eachKeyAgainstTheDefaultMaximumCryptoperiodOfAYear() throws IOException {
        Map<String, Map<String, String>> rows = rows(AnomalyPolicies.DEFAULT);

        assertThat(rows.get(AWS_PAYMENTS.id())).containsEntry("status", "COMPLIANT")
                .containsEntry("cryptoperiodSince", "2026-01-20T10:00:00Z").containsEntry("dueAt", "2027-01-20T10:00:00Z")
                .containsEntry("ageDays", "39");
        assertThat(rows.get(GCP_VERTEX.id())).containsEntry("status", "COMPLIANT")
                .containsEntry("lastRotatedAt", "2025-12-15T07:00:00Z");
        assertThat(rows.get(AZURE_TENANT_CMK.id())).containsEntry("status", "COMPLIANT");
        assertThat(rows.get(AWS_SIGNING.id())).containsEntry("status", "NOT_ROTATABLE")
                .containsEntry("dueAt", "2025-06-01T08:00:00Z");
        assertThat(rows.get(AWS_SIGNING.id()).get("reason")).contains("AWS KMS cannot rotate asymmetric keys")
                .contains("replace the key");
        assertThat(rows.get(AWS_MANAGED_S3.id())).containsEntry("status", "NOT_ROTATABLE");
        assertThat(rows.get(AWS_MANAGED_S3.id()).get("reason")).contains("provider-managed");
        assertThat(rows.get(AWS_RETIRED_HMAC.id())).containsEntry("status", "NOT_IN_USE");
        assertThat(rows.get(AZURE_LEGACY_EC.id())).containsEntry("status", "NOT_IN_USE");
    }

    @Test
    void aShorterCryptoperiodInTheTenantsPolicyMakesKeysOverdue() throws IOException {
        AnomalyPolicies policies = Policies.forTenant(TENANT,
                Policies.maxCryptoperiod(AnomalyPolicy.DEFAULT, Duration.ofDays(60)));

        Map<String, Map<String, String>> rows = rows(policies);

        assertThat(rows.get(GCP_VERTEX.id())).containsEntry("status", "OVERDUE").containsEntry("ageDays", "75");
        assertThat(rows.get(GCP_VERTEX.id()).get("reason")).contains("last rotated 2025-12-15T07:00:00Z")
                .contains("PT1440H");
        assertThat(rows.get(AZURE_TENANT_CMK.id())).containsEntry("status", "OVERDUE");
        assertThat(rows.get(AZURE_TENANT_CMK.id()).get("reason")).contains("never rotated");
        assertThat(rows.get(AWS_PAYMENTS.id())).containsEntry("status", "COMPLIANT");
        assertThat(rows.get(GCP_PQ_SIGNING.id())).containsEntry("status", "COMPLIANT");
    }

    @Test
    void overdueKeysAreTheOnesTheRotationRuleAlertsOnBesideTheKeysToReplace() throws IOException {
        AnomalyPolicies policies = Policies.forTenant(TENANT,
                Policies.maxCryptoperiod(AnomalyPolicy.DEFAULT, Duration.ofDays(60)));
        Map<String, Map<String, String>> rows = rows(policies);

        Set<String> alerted = CoreServices.of(f.store, f.clock, CoreSettings.DEFAULTS.withPolicies(policies)).alerts()
                .review(TENANT).stream()
                .filter(a -> a.rule() == Rule.ROTATION_OVERDUE).map(Alert::keyId).map(k -> k.orElseThrow())
                .collect(Collectors.toSet());

        Set<String> overdueOrToReplace = rows.values().stream()
                .filter(r -> r.get("status").equals("OVERDUE") || r.get("status").equals("NOT_ROTATABLE")
                        && r.get("manager").equals("CUSTOMER") && r.get("reason").contains("past the maximum"))
                .map(r -> r.get("id")).collect(Collectors.toSet());
        assertThat(alerted).isEqualTo(overdueOrToReplace)
                .containsExactlyInAnyOrder(GCP_VERTEX.id(), AZURE_TENANT_CMK.id(), AWS_SIGNING.id());
    }

    @Test
    void jsonNamesTheCryptoperiodAndCountsPerStatus() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RotationReport(f.store, f.clock, AnomalyPolicies.DEFAULT).writeJson(TENANT, AssetQuery.ALL, out);
        JsonNode root = Json.mapper().readTree(out.toByteArray());

        assertThat(root.get("maxCryptoperiod").asString()).isEqualTo("PT8760H");
        assertThat(root.get("rotationOverdueRuleEnabled").asBoolean()).isTrue();
        assertThat(root.get("summary").get("COMPLIANT").asLong()).isEqualTo(4);
        assertThat(root.get("summary").get("NOT_ROTATABLE").asLong()).isEqualTo(2);
        assertThat(root.get("summary").get("NOT_IN_USE").asLong()).isEqualTo(2);
        assertThat(root.get("summary").get("OVERDUE").asLong()).isZero();
        assertThat(root.get("summary").get("notRotatablePastCryptoperiod").asLong()).isEqualTo(2);
    }
}
