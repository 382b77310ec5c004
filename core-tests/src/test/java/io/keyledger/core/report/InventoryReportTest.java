package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_PAYMENTS;
import static io.keyledger.testkit.report.ReportFixtures.AWS_RETIRED_HMAC;
import static io.keyledger.testkit.report.ReportFixtures.GCP_VERTEX;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.report.CsvParsing;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InventoryReportTest {

    private final ReportFixtures f = ReportFixtures.standard();
    private final InventoryReport report = new InventoryReport(f.store, f.clock);

    private String csv(AssetQuery filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(TENANT, filter, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(AssetQuery filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(TENANT, filter, out);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void csvHasTheHeaderAndOneRowPerKeyOfEveryProvider() throws IOException {
        List<Map<String, String>> rows = CsvParsing.rows(csv(AssetQuery.ALL));

        assertThat(CsvParsing.parse(csv(AssetQuery.ALL)).get(0)).isEqualTo(InventoryReport.columnNames());
        assertThat(rows).hasSize(8);
        assertThat(rows).extracting(r -> r.get("provider")).containsOnly("aws", "azure", "gcp");
        Map<String, String> payments = rows.stream().filter(r -> r.get("id").equals(AWS_PAYMENTS.id())).findFirst().orElseThrow();
        assertThat(payments).containsEntry("algorithm", "AES-256").containsEntry("state", "ACTIVE")
                .containsEntry("nativeState", "Enabled").containsEntry("owner", "payments-team")
                .containsEntry("keyUsage", "ENCRYPT_DECRYPT").containsEntry("protection", "HSM")
                .containsEntry("usageServices", "s3.amazonaws.com").containsEntry("jurisdiction", "EU")
                .containsEntry("rotationPeriod", "PT8760H").containsEntry("lastRotatedAt", "2026-01-20T10:00:00Z")
                .containsEntry("legalHold", "false");
    }

    @Test
    void freeTextWithCommasQuotesAndNewlinesSurvivesTheCsvAndFormulasAreDefused() throws IOException {
        Map<String, String> payments = CsvParsing.rows(csv(AssetQuery.ALL)).stream()
                .filter(r -> r.get("id").equals(AWS_PAYMENTS.id())).findFirst().orElseThrow();

        assertThat(payments.get("description")).isEqualTo("Card data, \"PCI\" scope\nsecond line");
        assertThat(Json.mapper().readTree(payments.get("tags")).get("CostCenter").asString())
                .isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(csv(AssetQuery.ALL)).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void aLegalHoldOnAKeyShowsOnItsRowOnly() throws IOException {
        f.store.putLegalHold(new LegalHold(TENANT, Optional.of(GCP_VERTEX.id()), "litigation 2026-14", "counsel", f.clock.instant()));

        List<Map<String, String>> rows = CsvParsing.rows(csv(AssetQuery.ALL));

        assertThat(rows).filteredOn(r -> r.get("legalHold").equals("true")).extracting(r -> r.get("id"))
                .containsExactly(GCP_VERTEX.id());
    }

    @Test
    void jsonCarriesTheSameFieldsTypedAndTheCount() throws IOException {
        JsonNode root = json(AssetQuery.ALL);

        assertThat(root.get("report").asString()).isEqualTo("inventory");
        assertThat(root.get("tenant").asString()).isEqualTo(TENANT);
        assertThat(root.get("count").asLong()).isEqualTo(8);
        assertThat(root.get("keys")).hasSize(8);
        JsonNode vertex = find(root.get("keys"), GCP_VERTEX.id());
        assertThat(vertex.propertyNames()).containsExactlyElementsOf(InventoryReport.columnNames());
        assertThat(vertex.get("aiUsage").asBoolean()).isTrue();
        assertThat(vertex.get("aiCategories").get(0).asString()).isEqualTo("INFERENCE_LOGS");
        assertThat(vertex.get("usageServices").get(0).asString()).isEqualTo("aiplatform.googleapis.com");
        assertThat(vertex.get("versions").asInt()).isZero();
        JsonNode retired = find(root.get("keys"), AWS_RETIRED_HMAC.id());
        assertThat(retired.get("state").asString()).isEqualTo("DESTROYED");
        assertThat(retired.get("destroyedAt").asString()).isEqualTo("2026-02-10T09:05:00Z");
        assertThat(retired.get("owner").asString()).isEqualTo("api-team");
        assertThat(retired.get("replicaOf").isNull()).isTrue();
    }

    @Test
    void theFilterSelectsKeys() throws IOException {
        JsonNode root = json(AssetQuery.ALL.withProvider(Provider.GCP));

        assertThat(root.get("count").asLong()).isEqualTo(2);
        assertThat(root.get("filter").get("provider").asString()).isEqualTo("gcp");
        assertThat(CsvParsing.rows(csv(AssetQuery.ALL.withOwner("release-eng")))).hasSize(2);
    }

    @Test
    void anEmptyInventoryIsAHeaderAndAnEmptyArray() throws IOException {
        assertThat(csv(AssetQuery.ALL.withOwner("nobody"))).isEqualTo(String.join(",", InventoryReport.columnNames()) + "\r\n");
        assertThat(json(AssetQuery.ALL.withOwner("nobody")).get("keys")).isEmpty();
    }

    static JsonNode find(JsonNode keys, String id) {
        for (JsonNode k : keys) {
            if (k.path("id").asString("").equals(id) || k.path("keyId").asString("").equals(id)) {
                return k;
            }
        }
        throw new AssertionError("no key " + id);
    }
}
