package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.NOW;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.report.CsvParsing;
import io.keyledger.testkit.report.ReportFixtures;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SweepsReportTest {

    private static final SweepScope AWS = ReportFixtures.SCOPES.get(0);
    private static final SweepScope GCP = ReportFixtures.SCOPES.get(2);
    private static final KeyRef SHADOW = Fixtures.awsKey("9c9c9c9c-0000-1111-2222-333344445555");

    private final ReportFixtures f = ReportFixtures.standard();
    private final SweepsReport report = new SweepsReport(f.store, f.clock);
    private final Reconciler reconciler = f.services.reconciler();

    @BeforeEach
    void twoMoreSweeps() {
        // AWS two hours ago: the signing key is gone without a destruction event, a key nobody saw created is there.
        f.clock.set(NOW.minus(Duration.ofHours(2)));
        FakeKeySource aws = new FakeKeySource(AWS, 100);
        f.store.assets(TENANT, AssetQuery.ALL.withProvider(Provider.AWS), PageRequest.first(100)).items().stream()
                .filter(a -> !a.state().isDestroyed() && !a.id().equals(AWS_SIGNING.id()))
                .forEach(a -> aws.add(ReportFixtures.observed(a)));
        aws.add(new ObservedKey(SHADOW, Map.of("state", "ACTIVE", "nativeState", "Enabled", "algorithm", "AES-256"),
                List.of(), Optional.empty()));
        reconciler.sweep(TENANT, "sweep-aws-late", aws);
        // GCP an hour ago, cut short by throttling on the second page.
        f.clock.set(NOW.minus(Duration.ofHours(1)));
        FakeKeySource gcp = new FakeKeySource(GCP, 1);
        f.store.assets(TENANT, AssetQuery.ALL.withProvider(Provider.GCP), PageRequest.first(100)).items()
                .forEach(a -> gcp.add(ReportFixtures.observed(a)));
        reconciler.sweep(TENANT, "sweep-gcp-throttled", gcp.failAfterPages(1));
        f.clock.set(NOW);
    }

    @Test
    void jsonListsSweepsNewestFirstWithCountsCoverageAndFindings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = report.writeJson(TENANT, Optional.empty(), Optional.empty(), out);
        JsonNode root = Json.mapper().readTree(out.toByteArray());

        assertThat(n).isEqualTo(5);
        JsonNode sweeps = root.get("sweeps");
        assertThat(sweeps).extracting(s -> s.get("sweepId").asString())
                .startsWith("sweep-gcp-throttled", "sweep-aws-late");
        JsonNode gcp = sweeps.get(0);
        assertThat(gcp.get("partial").asBoolean()).isTrue();
        assertThat(gcp.get("partialReason").asString()).contains("ThrottlingException");
        assertThat(gcp.get("missing").asLong()).isZero();
        JsonNode aws = sweeps.get(1);
        assertThat(aws.get("scope").asString()).isEqualTo("aws:111122223333:us-east-1");
        assertThat(aws.get("partial").asBoolean()).isFalse();
        assertThat(aws.get("partialReason").isNull()).isTrue();
        assertThat(aws.get("untracked").asLong()).isEqualTo(1);
        assertThat(aws.get("missing").asLong()).isEqualTo(1);
        assertThat(aws.get("confirmed").asLong()).isEqualTo(2);
        assertThat(aws.get("inCloud").asLong()).isEqualTo(3);
        assertThat(aws.get("inventoryCoverage").asDouble()).isEqualTo(0.6667);
        assertThat(aws.get("findings")).extracting(k -> k.get("keyId").asString() + " " + k.get("keyClass").asString())
                .containsExactlyInAnyOrder(SHADOW.id() + " UNTRACKED", AWS_SIGNING.id() + " MISSING");
        assertThat(sweeps.get(2).get("findings")).isEmpty();
    }

    @Test
    void csvHasARowPerFindingAndOneForASweepWithout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(TENANT, Optional.empty(), Optional.empty(), out);
        List<Map<String, String>> rows = CsvParsing.rows(out.toString(StandardCharsets.UTF_8));

        assertThat(rows).filteredOn(r -> r.get("sweepId").equals("sweep-aws-late"))
                .extracting(r -> r.get("keyClass")).containsExactlyInAnyOrder("UNTRACKED", "MISSING");
        assertThat(rows).filteredOn(r -> r.get("sweepId").equals("sweep-aws-late"))
                .allSatisfy(r -> assertThat(r).containsEntry("untracked", "1").containsEntry("missing", "1"));
        Map<String, String> missing = rows.stream().filter(r -> "MISSING".equals(r.get("keyClass"))).findFirst().orElseThrow();
        assertThat(missing.get("reasons")).isNotEmpty();
        assertThat(rows).filteredOn(r -> r.get("sweepId").startsWith("sweep-2026")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("keyId")).isEmpty());
        assertThat(rows).hasSize(2 + 1 + 3);
    }

    @Test
    void aPeriodSelectsSweepsByTheirStart() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = report.writeJson(TENANT, Optional.of(NOW.minus(Duration.ofHours(3))),
                Optional.of(NOW.minus(Duration.ofMinutes(90))), out);

        assertThat(n).isEqualTo(1);
        assertThat(Json.mapper().readTree(out.toByteArray()).get("sweeps").get(0).get("sweepId").asString())
                .isEqualTo("sweep-aws-late");
        assertThat(report.writeJson(TENANT, Optional.of(Instant.parse("2027-01-01T00:00:00Z")), Optional.empty(),
                new ByteArrayOutputStream())).isZero();
    }
}
