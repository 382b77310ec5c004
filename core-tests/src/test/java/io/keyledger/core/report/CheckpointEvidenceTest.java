package io.keyledger.core.report;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CEK-21.4 evidence shows the newest checkpoint, its age, and whether it verified. */
class CheckpointEvidenceTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);

    private CoreServices services(LedgerSettings ledger) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection().withLedger(ledger));
    }

    private Guideline logging(CoreServices services) {
        return new EvidenceReport(store, clock, AnomalyPolicies.DEFAULT, EvidenceThresholds.DEFAULT,
                Optional.of(services.verifier())).assess("acme").guideline("CEK-21.4");
    }

    @Test
    void aVerifiedCheckpointIsShownWithItsAge() {
        CoreServices services = services(LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("k.pem")))
                .anchoredIn(new CheckpointsFile(dir.resolve("c.jsonl"))));
        services.inventory().apply("acme", List.of(event("e1", clock.instant(), Action.CREATE, awsKey("k"))));
        clock.advance(Duration.ofMinutes(5));

        Guideline g = logging(services);

        @SuppressWarnings("unchecked")
        Map<String, Object> newest = ((Optional<Map<String, Object>>) g.figures().get("newestCheckpoint")).orElseThrow();
        assertThat(newest).containsEntry("sequence", store.ledgerHead("acme").sequence())
                .containsEntry("anchoredOutsideTheStore", true);
        assertThat(g.figures().get("newestCheckpointAge")).isEqualTo(Optional.of(Duration.ofMinutes(5)));
        assertThat(g.figures().get("checkpointVerified")).isEqualTo("yes");
        assertThat(g.reason()).contains("up to a checkpoint signed").contains("that verifies with the public key");
    }

    @Test
    void aCheckpointOfAnotherKeyDoesNotVerify() {
        services(LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("k.pem"))))
                .inventory().apply("acme", List.of(event("e1", clock.instant(), Action.CREATE, awsKey("k"))));

        Guideline g = logging(services(LedgerSettings.NONE.trusting(
                List.of(KeyFileSigner.loadOrCreate(dir.resolve("other.pem")).publicKey()))));

        assertThat(g.figures().get("checkpointVerified")).isEqualTo("NO");
        assertThat(g.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(g.reason()).contains("UNSIGNED").contains("not a trusted key");
    }

    @Test
    void aLedgerNoCheckpointAnchorsIsPartial() {
        services(LedgerSettings.NONE).inventory().apply("acme",
                List.of(event("e1", clock.instant(), Action.CREATE, awsKey("k"))));

        Guideline g = logging(services(LedgerSettings.NONE.trusting(
                List.of(KeyFileSigner.loadOrCreate(dir.resolve("k.pem")).publicKey()))));

        assertThat(g.figures().get("checkpointVerified")).isEqualTo("no checkpoint");
        assertThat(g.verdict()).isEqualTo(Verdict.PARTIAL);
    }
}
