package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeysWithUsage;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.UsageStore;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Uses are aggregated: a key's rollup is written at most once per batch (or run), and its record and the ledger
 * change only when a use says something new: a new calling service, a first AI use, a use after the tenant's
 * dormancy period (30 days by default).
 */
class UsageWritesTest {

    private static final String TENANT = "acme";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore memory = new InMemoryInventoryStore(clock);
    private final List<String> merges = new ArrayList<>();
    private final List<String> rollupReads = new ArrayList<>();
    /** The in-memory store, counting the rollup merges it is asked for and the rollups read outside them. */
    private final InventoryStore store = countingMerges(StoreParts.of(memory)).compose();
    private final InventoryService service = CoreServices.of(store, clock, CoreSettings.DEFAULTS
            .withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection()).inventory();
    private final KeyRef key = awsKey("k-1");

    private StoreParts countingMerges(StoreParts parts) {
        UsageStore usage = parts.usage();
        return parts.withUsage(new UsageStore() {
            @Override
            public UsageContext mergeUsage(String tenant, String keyId, UsageContext u) {
                merges.add(keyId);
                return usage.mergeUsage(tenant, keyId, u);
            }

            @Override
            public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext u) {
                merges.add(keyId);
                return usage.mergeUsageWithBefore(tenant, keyId, u);
            }

            @Override
            public Optional<UsageContext> usage(String tenant, String keyId) {
                rollupReads.add(keyId);
                return usage.usage(tenant, keyId);
            }
        });
    }

    private static KeyEvent use(String id, Instant at, KeyRef key, String service) {
        return event(id, at, Action.USE, key, Map.of("usage.service", service));
    }

    private List<LedgerRecord> changes() {
        return memory.ledger(TENANT, 1, Optional.empty(), true, PageRequest.first(1000)).items().stream()
                .filter(r -> r.type() == LedgerEntryType.ASSET_CHANGED).toList();
    }

    /**
     * Found by concurrent ingests in the crash suite: a long run that read a key's rollup before another writer merged
     * uses into it (and into the record), then re-read the record after losing a race, refolded a late event with the
     * rollup it knew and took the uses off the record.
     */
    @Test
    void anotherWritersUsesStayOnTheRecordWhenALongRunRefoldsALateEvent() {
        service.apply(List.of(event("c", T0, Action.CREATE, key)));
        try (IngestRun run = service.run()) {
            run.apply(List.of(event("t1", T0.plus(Duration.ofDays(2)), Action.TAG, key, Map.of("tag.Team", "a"))));
            service.apply(List.of(use("u", T0.plus(Duration.ofDays(3)), key, "s3.amazonaws.com")));
            assertThat(memory.asset(TENANT, key.id()).orElseThrow().value().usageContext().services())
                    .containsExactly("s3.amazonaws.com");

            // The run's record is stale: it loses the race, reads the record again, and keeps its old rollup.
            run.apply(List.of(event("t2", T0.plus(Duration.ofDays(4)), Action.TAG, key, Map.of("tag.Team", "b"))));
            // Older than the last event: refolded from the key's events.
            run.apply(List.of(event("t0", T0.plus(Duration.ofDays(1)), Action.TAG, key, Map.of("tag.Cost", "x"))));
        }
        UsageContext onRecord = memory.asset(TENANT, key.id()).orElseThrow().value().usageContext();
        assertThat(onRecord.services()).containsExactly("s3.amazonaws.com");
        assertThat(onRecord.lastUsedAt()).isPresent();
    }

    /**
     * Found by two instances ingesting the same deliveries at once, one in reverse order: a run whose record was read
     * again after a lost race refolded a late event from the events it had read before, without another writer's
     * rotation, and its conditional write succeeded.
     */
    @Test
    void aRecordReadAgainIsNeverRefoldedFromEventsReadBeforeIt() {
        service.apply(List.of(event("c", T0, Action.CREATE, key), event("t5", T0.plus(Duration.ofDays(5)), Action.TAG,
                key, Map.of("tag.Team", "a"))));
        try (IngestRun run = service.run()) {
            // Older than the last event: refolded, so the run reads and keeps the key's events.
            run.apply(List.of(event("t1", T0.plus(Duration.ofDays(1)), Action.TAG, key, Map.of("tag.Cost", "x"))));
            service.apply(List.of(event("r", T0.plus(Duration.ofDays(3)), Action.ROTATE, key)));
            // The run's use loses its race on the record and reads it again, rotation included.
            run.apply(List.of(use("u", T0.plus(Duration.ofDays(6)), key, "s3.amazonaws.com")));
            run.flush();
            run.apply(List.of(event("t2", T0.plus(Duration.ofDays(2)), Action.TAG, key, Map.of("tag.Env", "prod"))));
        }
        assertThat(memory.asset(TENANT, key.id()).orElseThrow().value().dates().lastRotatedAt())
                .contains(T0.plus(Duration.ofDays(3)));
    }

    @Test
    void usesOfAKnownServiceInLaterHoursChangeTheRollupButNeitherTheRecordNorTheLedger() {
        service.apply(List.of(event("c", T0, Action.CREATE, key), use("u0", T0.plusSeconds(60), key, "s3.amazonaws.com")));
        int changesBefore = changes().size();

        for (int hour = 1; hour <= 48; hour++) {
            service.apply(List.of(use("u" + hour, T0.plus(Duration.ofHours(hour)), key, "s3.amazonaws.com")));
        }

        assertThat(changes()).hasSize(changesBefore);
        assertThat(memory.usage(TENANT, key.id()).orElseThrow().lastUsedAt())
                .contains(T0.plus(Duration.ofHours(48)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        assertThat(new LedgerVerifier(memory).verify(TENANT).intact()).isTrue();
    }

    @Test
    void aNewServiceAFirstAiUseAndAUseAfterTheDormancyPeriodEachChangeTheRecordOnce() {
        service.apply(List.of(event("c", T0, Action.CREATE, key), use("u0", T0.plusSeconds(60), key, "s3.amazonaws.com")));
        int changesBefore = changes().size();

        service.apply(List.of(use("u1", T0.plusSeconds(120), key, "rds.amazonaws.com")));
        service.apply(List.of(event("u2", T0.plusSeconds(180), Action.USE, key,
                Map.of("usage.aiService", "bedrock.amazonaws.com"))));
        service.apply(List.of(use("u3", T0.plus(Duration.ofDays(45)), key, "s3.amazonaws.com")));
        service.apply(List.of(use("u4", T0.plus(Duration.ofDays(45)).plusSeconds(60), key, "s3.amazonaws.com")));

        assertThat(changes()).hasSize(changesBefore + 3);
        assertThat(service.asset(TENANT, key.id()).orElseThrow().usageContext().aiUsage()).isTrue();
        assertThat(service.asset(TENANT, key.id()).orElseThrow().usageContext().services())
                .containsExactly("bedrock.amazonaws.com", "rds.amazonaws.com", "s3.amazonaws.com");
    }

    @Test
    void aBatchWritesEachKeysRollupOnce() {
        KeyRef other = awsKey("k-2");
        List<KeyEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(use("a" + i, T0.plus(Duration.ofMinutes(i * 7L)), key, i % 2 == 0 ? "s3.amazonaws.com"
                    : "ec2.amazonaws.com"));
            batch.add(use("b" + i, T0.plus(Duration.ofMinutes(i * 7L)), other, "s3.amazonaws.com"));
        }

        BatchResult result = service.apply(batch);

        assertThat(result.applied()).isEqualTo(200);
        assertThat(merges).containsExactlyInAnyOrder(key.id(), other.id());
        assertThat(memory.usage(TENANT, key.id()).orElseThrow().services())
                .containsExactly("ec2.amazonaws.com", "s3.amazonaws.com");
    }

    /** On DynamoDB, Azure Tables and Firestore each read is a request: the merge's own read is enough. */
    @Test
    void aBatchReadsTheRollupOfAKeyItHasNotSeenOnlyInTheMerge() {
        service.apply(List.of(use("u1", T0, key, "s3.amazonaws.com"), use("u2", T0.plusSeconds(60), key,
                "s3.amazonaws.com")));
        merges.clear();
        rollupReads.clear();

        service.apply(List.of(use("u3", T0.plus(Duration.ofMinutes(90)), key, "s3.amazonaws.com")));

        assertThat(merges).containsExactly(key.id());
        assertThat(rollupReads).isEmpty();
        assertThat(memory.usage(TENANT, key.id()).orElseThrow().lastUsedAt())
                .contains(T0.plus(Duration.ofMinutes(90)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    }

    @Test
    void usesTheStoredRollupHoldsAlreadyChangeNothing() {
        List<KeyEvent> uses = List.of(use("u1", T0, key, "s3.amazonaws.com"), use("u2", T0.plusSeconds(60), key,
                "s3.amazonaws.com"));
        service.apply(uses);
        UsageContext stored = memory.usage(TENANT, key.id()).orElseThrow();
        long revision = memory.asset(TENANT, key.id()).orElseThrow().revision();
        int ledgered = changes().size();
        rollupReads.clear();

        service.apply(uses);

        assertThat(rollupReads).isEmpty();
        assertThat(memory.usage(TENANT, key.id())).contains(stored);
        assertThat(memory.asset(TENANT, key.id()).orElseThrow().revision()).isEqualTo(revision);
        assertThat(changes()).hasSize(ledgered);
    }

    @Test
    void aRunSpanningBatchesWritesEachKeysRollupOnceWhenFlushed() {
        try (IngestRun run = service.run()) {
            for (int b = 0; b < 10; b++) {
                run.apply(List.of(use("u" + b, T0.plus(Duration.ofHours(b)), key, "s3.amazonaws.com")));
            }
            assertThat(merges).isEmpty();
            assertThat(memory.usage(TENANT, key.id())).isEmpty();
        }

        assertThat(merges).containsExactly(key.id());
        assertThat(memory.usage(TENANT, key.id()).orElseThrow().lastUsedAt())
                .contains(T0.plus(Duration.ofHours(9)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    }

    @Test
    void aKeyEventAfterUsesInTheSameRunSeesThemWritten() {
        try (IngestRun run = service.run()) {
            run.apply(List.of(use("u0", T0, key, "rds.amazonaws.com")));
            run.apply(List.of(event("c", T0.minusSeconds(60), Action.CREATE, key)));

            assertThat(merges).containsExactly(key.id());
            assertThat(service.asset(TENANT, key.id()).orElseThrow().usageContext().services())
                    .containsExactly("rds.amazonaws.com");
        }
    }

    @Test
    void theRecordKeepsTheSameUsageWhateverTheOrderOfTheUses() {
        List<KeyEvent> uses = new ArrayList<>();
        for (int day = 0; day < 90; day += 3) {
            uses.add(use("u" + day, T0.plus(Duration.ofDays(day)).plusSeconds(day * 37L), key,
                    day % 9 == 0 ? "s3.amazonaws.com" : "ec2.amazonaws.com"));
        }
        List<KeyEvent> reversed = new ArrayList<>(uses);
        java.util.Collections.reverse(reversed);
        InMemoryInventoryStore other = new InMemoryInventoryStore(clock);
        InventoryService otherService = CoreServices.of(other, clock, CoreSettings.DEFAULTS
                .withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection()).inventory();

        service.apply(List.of(event("c", T0, Action.CREATE, key)));
        uses.forEach(u -> service.apply(List.of(u)));
        otherService.apply(List.of(event("c", T0, Action.CREATE, key)));
        reversed.forEach(u -> otherService.apply(List.of(u)));

        assertThat(other.asset(TENANT, key.id()).orElseThrow().value())
                .isEqualTo(memory.asset(TENANT, key.id()).orElseThrow().value());
        assertThat(other.usage(TENANT, key.id())).isEqualTo(memory.usage(TENANT, key.id()));
    }

    private static KeyEvent use(String id, Instant at, KeyRef key, String service, String resource) {
        return event(id, at, Action.USE, key, Map.of("usage.service", service, "usage.resource", resource));
    }

    private java.util.Set<String> protectedOnRecord() {
        return memory.asset(TENANT, key.id()).orElseThrow().value().usageContext().protects().names();
    }

    private java.util.Set<String> protectedAsPresented() {
        return new KeysWithUsage(memory).key(TENANT, key.id()).orElseThrow().usageContext().protects().names();
    }

    @Test
    void usesThatOnlyNameNewResourcesWriteNoRecordChangeAndNoLedgerRecord() {
        service.apply(List.of(event("c", T0, Action.CREATE, key), use("u0", T0.plusSeconds(60), key, "s3.amazonaws.com",
                "bucket-a")));
        int changesBefore = changes().size();
        long ledgerBefore = memory.ledgerHead(TENANT).sequence();

        service.apply(List.of(use("u1", T0.plusSeconds(120), key, "s3.amazonaws.com", "bucket-b")));
        service.apply(List.of(use("u2", T0.plusSeconds(180), key, "s3.amazonaws.com", "bucket-c")));

        assertThat(changes()).hasSize(changesBefore);
        assertThat(memory.ledgerHead(TENANT).sequence()).isEqualTo(ledgerBefore);
        // The rollup holds them, and readers present the key with them.
        assertThat(protectedOnRecord()).isEmpty();
        assertThat(protectedAsPresented()).containsExactly("bucket-a", "bucket-b", "bucket-c");
        assertThat(new LedgerVerifier(memory).verify(TENANT).intact()).isTrue();
    }

    @Test
    void usesThatAddAServiceBeforeAChangeStillChangeTheRecordThemselves() {
        service.apply(List.of(event("c", T0, Action.CREATE, key)));
        int changesBefore = changes().size();

        service.apply(List.of(use("u1", T0.plusSeconds(120), key, "s3.amazonaws.com", "bucket-b"),
                event("t", T0.plusSeconds(180), Action.TAG, key, Map.of("tag.Team", "payments"))));

        assertThat(changes()).hasSize(changesBefore + 2);
        assertThat(memory.asset(TENANT, key.id()).orElseThrow().value().usageContext().services())
                .containsExactly("s3.amazonaws.com");
        assertThat(protectedAsPresented()).containsExactly("bucket-b");
    }
}
