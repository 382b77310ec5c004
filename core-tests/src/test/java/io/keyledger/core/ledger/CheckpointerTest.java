package io.keyledger.core.ledger;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.RewrittenLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer signs only a head that extends its newest checkpoint, and anchors what it signs. */
class CheckpointerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private CoreServices services;
    private CheckpointsFile file;

    @BeforeEach
    void assemble() {
        file = new CheckpointsFile(dir.resolve("checkpoints.jsonl"));
        services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection().withLedger(
                LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("key.pem"))).anchoredIn(file)));
    }

    private void ingest(String id) {
        services.inventory().apply("acme", List.of(event(id, clock.instant(), Action.CREATE, awsKey(id))));
    }

    private List<LedgerRecord> ledger() {
        return store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    @Test
    void eachBatchEndsWithItsHeadSignedInTheStoreAndTheAnchor() {
        ingest("k1");
        long first = store.ledgerHead("acme").sequence();
        ingest("k2");

        Checkpoint latest = store.latestCheckpoint("acme").orElseThrow();
        assertThat(latest.head()).isEqualTo(store.ledgerHead("acme"));
        assertThat(file.all("acme")).extracting(Checkpoint::sequence).containsExactly(first, latest.sequence());
        assertThat(latest.verifiesWith(services.checkpointer().orElseThrow().signer().publicKey())).isTrue();
        assertThat(services.checkpointer().orElseThrow().checkpoint("acme")).contains(latest);
        assertThat(file.all("acme")).hasSize(2);
    }

    @Test
    void aRewrittenRecordBeforeTheCheckpointIsNotSigned() {
        ingest("k1");
        LedgerRecord r = ledger().get(0);
        InMemoryInventoryStore forged = new InMemoryInventoryStore(clock);
        String previous = LedgerHash.GENESIS;
        for (LedgerRecord x : ledger()) {
            LedgerRecord f = LedgerRecord.chain("acme", x.sequence(), x.recordedAt(), x.type(), x.keyId(),
                    x.sequence() == r.sequence() ? "{\"forged\":true}" : x.payload(), previous, x.expiresAt());
            forged.appendLedger(f);
            previous = f.hash();
        }
        store.latestCheckpoint("acme").ifPresent(forged::putCheckpoint);
        Checkpointer checkpointer = new Checkpointer(forged, forged, Optional.of(file),
                services.checkpointer().orElseThrow().signer(), clock, Duration.ofMinutes(15));
        forged.appendLedger(LedgerRecord.chain("acme", forged.ledgerHead("acme").sequence() + 1, clock.instant(),
                LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{}", forged.ledgerHead("acme").hash(),
                Optional.empty()));

        assertThatThrownBy(() -> checkpointer.checkpoint("acme")).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("is no longer the one checkpoint of record");
    }

    @Test
    void aBackdatedAppendAndAnUnsignedPurgeAttestationAreNotSigned() {
        ingest("k1");
        Checkpointer checkpointer = services.checkpointer().orElseThrow();
        clock.advance(Duration.ofHours(1));
        LedgerHead head = store.ledgerHead("acme");
        store.appendLedger(LedgerRecord.chain("acme", head.sequence() + 1, clock.instant().minus(Duration.ofDays(3)),
                LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{}", head.hash(), Optional.empty()));

        assertThatThrownBy(() -> checkpointer.checkpoint("acme")).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("backdated");

        InMemoryInventoryStore other = new InMemoryInventoryStore(clock);
        CoreServices second = CoreServices.of(other, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection().withLedger(
                LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("key2.pem")))));
        second.inventory().apply("acme", List.of(event("k9", clock.instant(), Action.CREATE, awsKey("k9"))));
        LedgerHead h = other.ledgerHead("acme");
        other.appendLedger(LedgerRecord.chain("acme", h.sequence() + 1, clock.instant(), LedgerEntryType.RETENTION_PURGED,
                Optional.empty(), new PurgeAttestation(List.of(new PurgedRun(1, 1, LedgerHash.GENESIS, "0".repeat(64))),
                        0, 1, 0).toJson(), h.hash(), Optional.empty()));

        assertThatThrownBy(() -> second.checkpointer().orElseThrow().checkpoint("acme"))
                .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("purge attestation not signed");
    }

    /**
     * A checkpoint does not hash again the records this process appended and reads back unchanged; one changed in the
     * store since, its hash left as it was, is still found, and so is one no writer here appended.
     */
    @Test
    void aRecordChangedAfterThisProcessAppendedItIsNotSigned() {
        RewrittenLedger ledger = new RewrittenLedger(store, r -> r);
        LedgerWriter writer = new LedgerWriter(ledger, clock);
        ExpiryRules rules = new ExpiryRules(RetentionPolicy.DEFAULT, List.of());
        Checkpointer checkpointer = new Checkpointer(ledger, store, Optional.of(file),
                services.checkpointer().orElseThrow().signer(), clock, Duration.ofMinutes(15));
        writer.append("acme", LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{\"n\":1}", rules);
        checkpointer.checkpoint("acme");
        writer.append("acme", LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{\"n\":2}", rules);
        LedgerRecord third = writer.append("acme", LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{\"n\":3}", rules);
        assertThat(checkpointer.checkpoint("acme")).map(Checkpoint::sequence).contains(third.sequence());

        LedgerRecord fourth = writer.append("acme", LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{\"n\":4}", rules);
        LedgerRecord rewritten = new LedgerRecord(fourth.tenant(), fourth.sequence(), fourth.recordedAt(),
                fourth.type(), fourth.keyId(), "{\"n\":40}", fourth.previousHash(), fourth.hash(), fourth.expiresAt());
        ledger.rewrite(r -> r.sequence() == fourth.sequence() ? rewritten : r);

        assertThatThrownBy(() -> checkpointer.checkpoint("acme")).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("record " + fourth.sequence() + " does not match its hash");
        // read again, once the appended copy is let go: still refused, now by its hash alone
        assertThatThrownBy(() -> checkpointer.checkpoint("acme")).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("record " + fourth.sequence() + " does not match its hash");
    }
}
