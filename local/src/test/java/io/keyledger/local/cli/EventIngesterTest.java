package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_DEV;
import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest pipeline against the in-memory store, where the inventory's own rejections can be provoked. */
class EventIngesterTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final StringWriter err = new StringWriter();

    /** Rejects the dev account, as a resolver with a bad mapping would, so that the service rejects its events. */
    private final TenantResolver resolver = (provider, account) -> {
        if (account.equals(AWS_DEV)) {
            throw new IllegalArgumentException("account " + AWS_DEV + " has no valid tenant");
        }
        return "default";
    };

    /** The inventory an ingest command runs, reporting to {@code progress}, without anomaly detection. */
    private InventoryService inventory(CoreSettings settings, IngestProgress progress) {
        return CoreServices.of(store, clock, settings.withIngestListener(progress).withoutAnomalyDetection())
                .inventory();
    }

    @Test
    void mapsTheInventorysRejectionsBackToFileAndLineAcrossBatches() throws Exception {
        IngestProgress progress = new IngestProgress(clock, new PrintWriter(err), true);
        InventoryService service = inventory(CoreSettings.DEFAULTS.withTenants(resolver), progress);
        EventIngester ingester = new EventIngester(service, progress, CliDecoders.standard(),
                new PrintWriter(err, true), 2);
        String text = String.join("\n", CliHarness.sampleLines());

        ingester.ingest("in.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        ingester.flush();

        assertThat(err.toString())
                .contains("in.jsonl record 4 (line 4): account " + AWS_DEV + " has no valid tenant (event e-4)")
                .contains("in.jsonl record 5 (line 5): account " + AWS_DEV + " has no valid tenant (event e-5)");
        assertThat(ingester.allApplied()).isFalse();
        assertThat(ingester.rejectionSummary()).isEqualTo("2 records not applied: in.jsonl record 4 (line 4), in.jsonl record 5 (line 5)");
        assertThat(progress.applied()).isEqualTo(3);
        assertThat(progress.notApplied()).isEqualTo(2);
        assertThat(store.assets("default", AssetQuery.ALL, PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void reportsProgressOnlyOnceTheIntervalHasPassed() {
        StringWriter progressOut = new StringWriter();
        IngestProgress progress = new IngestProgress(clock, new PrintWriter(progressOut, true), false);
        progress.recordRead();
        progress.tick();
        assertThat(progressOut.toString()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        progress.recordRead();
        progress.applied("default", null, true);
        progress.tick();
        progress.tick();

        assertThat(progressOut.toString())
                .isEqualTo("progress: 2 records read, 1 applied, 0 duplicates, 0 rejected, 1 records/s"
                        + System.lineSeparator());
    }

    @Test
    void staysQuietWhenAskedTo() {
        StringWriter progressOut = new StringWriter();
        IngestProgress progress = new IngestProgress(clock, new PrintWriter(progressOut, true), true);
        clock.advance(Duration.ofMinutes(1));
        progress.tick();
        assertThat(progressOut.toString()).isEmpty();
    }

    @Test
    void summarisesARun() {
        IngestProgress progress = new IngestProgress(clock, new PrintWriter(err), true);
        progress.recordRead();
        progress.recordRead();
        progress.malformed();
        progress.duplicate("default", null);
        clock.advance(Duration.ofMillis(500));

        assertThat(progress.summary(1))
                .isEqualTo("ingested 1 file: 2 records read, 0 applied, 1 duplicate, 1 rejected (1 malformed) in 0.5 s (4 records/s)");
    }

    @Test
    void leavesEveryRecordAppliedWhenAllAreGood() throws Exception {
        IngestProgress progress = new IngestProgress(clock, new PrintWriter(err), true);
        InventoryService service = inventory(CoreSettings.DEFAULTS, progress);
        EventIngester ingester = new EventIngester(service, progress, CliDecoders.standard(), new PrintWriter(err), 500);
        String text = awsEvent("x", "2025-01-01T00:00:00Z", "CREATE", AWS_PROD, "k", created("AES-256", "Enabled"));

        ingester.ingest("in.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        ingester.flush();

        assertThat(ingester.allApplied()).isTrue();
        assertThat(err.toString()).isEmpty();
        assertThat(List.of(progress.applied(), progress.duplicates())).containsExactly(1L, 0L);
    }
}
