package io.keyledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stores keep records as this JSON: every record must read back equal to what was written. */
class JsonRoundTripTest {

    @Test
    void aRichKeyRecordRoundTrips() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        InventoryService service = Fixtures.services(store, clock, "acme").inventory();
        var key = Fixtures.awsKey("rich");
        service.apply(List.of(
                Fixtures.event("e1", Fixtures.T0, Action.CREATE, key, Map.of("algorithm", "RSA-3072", "kind", "ASYMMETRIC",
                        "keyUsage", "SIGN_VERIFY", "protection", "HSM", "origin", "GENERATED", "manager", "CUSTOMER",
                        "nativeSpec", "RSA_3072", "nativeState", "Enabled",
                        "rotation.enabled", "true", "rotation.period", "P365D")),
                Fixtures.event("e2", Fixtures.T0.plusSeconds(1), Action.ANNOTATE, key, Map.of("owner", "pki-team",
                        "classification", "confidential", "jurisdiction", "EU", "tag.Env", "prod",
                        "responsibility.mode", "customer-managed", "usage.aiService", "bedrock.amazonaws.com",
                        "observation", "PARTIAL", "observationNote", "DescribeKey denied")),
                Fixtures.event("e3", Fixtures.T0.plusSeconds(2), Action.SCHEDULE_DESTRUCTION, key,
                        Map.of("destructionScheduledAt", "2026-02-15T00:00:00Z",
                                "destructionRequestedAt", "2026-01-16T00:00:00Z", "destruction.delay", "P30D",
                                "destruction.recoveryLevel", "Recoverable", "updatedAt", "2026-01-16T00:00:00Z"))));
        CryptoAsset asset = service.asset("acme", key.id()).orElseThrow();

        assertThat(asset.dates().nextRotationAt()).isPresent();
        assertThat(asset.dates().destructionRequestedAt()).contains(Instant.parse("2026-01-16T00:00:00Z"));
        assertThat(asset.destruction().delay()).contains(java.time.Duration.ofDays(30));
        assertThat(asset.partiallyObserved()).isTrue();
        assertThat(Json.read(Json.write(asset), CryptoAsset.class)).isEqualTo(asset);

        StoredEvent stored = store.eventsForKey("acme", key.id()).get(0);
        assertThat(Json.read(Json.write(stored), StoredEvent.class)).isEqualTo(stored);
        for (LedgerRecord r : store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(100)).items()) {
            LedgerRecord back = Json.read(Json.write(r), LedgerRecord.class);
            assertThat(back).isEqualTo(r);
            assertThat(back.hashMatchesContent()).isTrue();
        }
    }

    @Test
    void aKeyRecordStoredBeforeTheDestructionPolicyAndTheNewDatesReadsThemAsAbsent() {
        CryptoAsset asset = Fixtures.asset("acme", Fixtures.awsKey("old"), io.keyledger.core.key.LifecycleState.ACTIVE,
                Optional.empty());
        var tree = (tools.jackson.databind.node.ObjectNode) Json.mapper().readTree(Json.write(asset));
        tree.remove("destruction");
        ((tools.jackson.databind.node.ObjectNode) tree.get("dates")).remove(List.of("updatedAt", "destructionRequestedAt"));

        CryptoAsset read = Json.read(tree.toString(), CryptoAsset.class);

        assertThat(read.destruction()).isEqualTo(io.keyledger.core.key.DestructionPolicy.NONE);
        assertThat(read.dates().updatedAt()).isEmpty();
        assertThat(read.dates().destructionRequestedAt()).isEmpty();
        assertThat(read).isEqualTo(asset);
    }

    @Test
    void retentionRecordsRoundTrip() {
        LegalHold hold = new LegalHold("acme", Optional.of("aws:k"), "litigation", "alice", Instant.parse("2026-01-01T00:00:00Z"));
        RetentionPolicy policy = new RetentionPolicy(Period.ofYears(7), Period.ofMonths(90), Period.ofDays(400));

        assertThat(Json.read(Json.write(hold), LegalHold.class)).isEqualTo(hold);
        assertThat(Json.read(Json.write(policy), RetentionPolicy.class)).isEqualTo(policy);
    }
}
