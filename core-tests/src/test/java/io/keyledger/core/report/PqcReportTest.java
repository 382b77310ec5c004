package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_PAYMENTS;
import static io.keyledger.testkit.report.ReportFixtures.AWS_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_LEGACY_EC;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_TENANT_CMK;
import static io.keyledger.testkit.report.ReportFixtures.GCP_PQ_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyUsage;
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

class PqcReportTest {

    private final ReportFixtures f = ReportFixtures.standard();
    private final PqcReport report = new PqcReport(f.store, f.clock);

    private Map<String, Map<String, String>> rowsById() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(TENANT, AssetQuery.ALL, out);
        Map<String, Map<String, String>> byId = new java.util.HashMap<>();
        CsvParsing.rows(out.toString(StandardCharsets.UTF_8)).forEach(r -> byId.put(r.get("id"), r));
        return byId;
    }

    @Test
    void rsa2048IsDeprecatedAfter2030AndEveryQuantumVulnerableKeyDisallowedAfter2035() throws IOException {
        Map<String, Map<String, String>> rows = rowsById();

        assertThat(rows.get(AWS_SIGNING.id())).containsEntry("algorithm", "RSA-2048")
                .containsEntry("quantumVulnerable", "true").containsEntry("classicalSecurityBits", "112")
                .containsEntry("deprecatedAfter", "2030").containsEntry("disallowedAfter", "2035")
                .containsEntry("status", "ACCEPTABLE").containsEntry("replacement", "ML-DSA (FIPS 204) or SLH-DSA (FIPS 205)");
        assertThat(rows.get(AZURE_TENANT_CMK.id())).containsEntry("algorithm", "RSA-3072")
                .containsEntry("classicalSecurityBits", "128").containsEntry("deprecatedAfter", "")
                .containsEntry("disallowedAfter", "2035").containsEntry("replacement", "ML-KEM (FIPS 203)");
        assertThat(rows.get(AZURE_LEGACY_EC.id())).containsEntry("algorithm", "EC-P256")
                .containsEntry("family", "EC").containsEntry("deprecatedAfter", "").containsEntry("disallowedAfter", "2035");
        assertThat(rows.get(AWS_PAYMENTS.id())).containsEntry("algorithm", "AES-256")
                .containsEntry("quantumVulnerable", "false").containsEntry("status", "NOT_VULNERABLE")
                .containsEntry("disallowedAfter", "");
        assertThat(rows.get(GCP_PQ_SIGNING.id())).containsEntry("algorithm", "ML-DSA-65")
                .containsEntry("family", "ML_DSA").containsEntry("quantumVulnerable", "false")
                .containsEntry("status", "NOT_VULNERABLE");
    }

    @Test
    void theStatusFollowsTheReportDate() throws IOException {
        f.clock.set(Instant.parse("2031-01-01T00:00:00Z"));
        Map<String, Map<String, String>> in2031 = rowsById();
        f.clock.set(Instant.parse("2036-01-01T00:00:00Z"));
        Map<String, Map<String, String>> in2036 = rowsById();

        assertThat(in2031.get(AWS_SIGNING.id())).containsEntry("status", "DEPRECATED");
        assertThat(in2031.get(AZURE_TENANT_CMK.id())).containsEntry("status", "ACCEPTABLE");
        assertThat(in2036.get(AWS_SIGNING.id())).containsEntry("status", "DISALLOWED");
        assertThat(in2036.get(AZURE_LEGACY_EC.id())).containsEntry("status", "DISALLOWED");
        assertThat(in2036.get(AWS_PAYMENTS.id())).containsEntry("status", "NOT_VULNERABLE");
    }

    @Test
    void jsonEndsWithSummaryCounts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(TENANT, AssetQuery.ALL, out);
        JsonNode root = Json.mapper().readTree(out.toByteArray());
        JsonNode s = root.get("summary");

        assertThat(root.get("source").asString()).contains("NIST IR 8547");
        assertThat(root.get("keys")).hasSize(8);
        assertThat(s.get("keys").asLong()).isEqualTo(8);
        assertThat(s.get("quantumVulnerable").asLong()).isEqualTo(3);
        assertThat(s.get("deprecatedAfter2030DisallowedAfter2035").asLong()).isEqualTo(1);
        assertThat(s.get("disallowedAfter2035").asLong()).isEqualTo(2);
        assertThat(s.get("notVulnerable").asLong()).isEqualTo(5);
        assertThat(s.get("byAlgorithm").get("AES-256").asLong()).isEqualTo(3);
        assertThat(s.get("byStatus").get("ACCEPTABLE").asLong()).isEqualTo(3);
    }

    @Test
    void assessmentsOfOtherAlgorithms() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(PqcAssessment.of("EC-P224", KeyUsage.SIGN_VERIFY, now).deprecatedAfter()).contains(2030);
        assertThat(PqcAssessment.of("EC-P384", KeyUsage.KEY_AGREEMENT, now).deprecatedAfter()).isEmpty();
        assertThat(PqcAssessment.of("EC-SECP256K1", KeyUsage.SIGN_VERIFY, now).disallowedAfter()).contains(2035);
        assertThat(PqcAssessment.of("Ed25519", KeyUsage.SIGN_VERIFY, now).disallowedAfter()).contains(2035);
        assertThat(PqcAssessment.of("RSA-1024", KeyUsage.ENCRYPT_DECRYPT, now).status())
                .isEqualTo(PqcAssessment.Status.DISALLOWED);
        assertThat(PqcAssessment.of("RSA", KeyUsage.ENCRYPT_DECRYPT, now).disallowedAfter()).contains(2035);
        assertThat(PqcAssessment.of("SM2", KeyUsage.SIGN_VERIFY, now).status())
                .isEqualTo(PqcAssessment.Status.VULNERABLE_NO_DATE);
        for (String safe : List.of("AES-128", "HMAC-SHA512", "ML-KEM-768", "SLH-DSA-SHA2-128S", "X-Wing")) {
            assertThat(PqcAssessment.of(safe, KeyUsage.UNKNOWN, now).status()).as(safe)
                    .isEqualTo(PqcAssessment.Status.NOT_VULNERABLE);
        }
        assertThat(PqcAssessment.of("UNKNOWN", KeyUsage.UNKNOWN, now).status()).isEqualTo(PqcAssessment.Status.UNKNOWN);
        assertThat(AlgorithmProfile.of("ML-KEM-768").quantumCategory()).hasValue(3);
        assertThat(AlgorithmProfile.of("SLH-DSA-SHA2-128S").parameterSet()).isEqualTo(Optional.of("SHA2-128s"));
    }
}
