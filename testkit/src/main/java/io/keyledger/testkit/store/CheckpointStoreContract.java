package io.keyledger.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link CheckpointStore} slice of the store contract: one checkpoint per sequence, kept exactly, in order. */
public abstract class CheckpointStoreContract extends StoreContractSlice {

    private static final Signer SIGNER = testSigner();

    private static Signer testSigner() {
        try {
            return KeyFileSigner.loadOrCreate(Files.createTempDirectory("checkpoint-contract").resolve("key.pem"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Checkpoint signed(String tenant, long sequence) {
        return Checkpoint.sign(tenant, new LedgerHead(sequence, "%064x".formatted(sequence)), clock.instant(), SIGNER);
    }

    @Test
    void aCheckpointRoundTripsExactlyAndIsTheLatest() {
        Checkpoint c = signed(ACME, 7);

        assertThat(store.putCheckpoint(c)).isTrue();

        assertThat(store.latestCheckpoint(ACME)).contains(c);
        assertThat(store.latestCheckpoint(ACME).orElseThrow().verifiesWith(SIGNER.publicKey())).isTrue();
        assertThat(store.latestCheckpoint(BETA)).isEmpty();
    }

    @Test
    void theFirstCheckpointOfASequenceStays() {
        Checkpoint first = signed(ACME, 3);
        clock.advance(java.time.Duration.ofSeconds(1));
        Checkpoint second = signed(ACME, 3);

        assertThat(store.putCheckpoint(first)).isTrue();
        assertThat(store.putCheckpoint(second)).isFalse();

        assertThat(store.latestCheckpoint(ACME)).contains(first);
    }

    @Test
    void checkpointsPageInSequenceOrderAndTheLatestIsTheHighest() {
        for (long s : List.of(5L, 1L, 12L, 3L, 9L)) {
            store.putCheckpoint(signed(ACME, s));
        }
        List<Long> read = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            Page<Checkpoint> page = store.checkpoints(ACME, request);
            page.items().forEach(c -> read.add(c.sequence()));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }

        assertThat(read).containsExactly(1L, 3L, 5L, 9L, 12L);
        assertThat(store.latestCheckpoint(ACME).map(Checkpoint::sequence)).contains(12L);
        assertThat(store.checkpoints(BETA, PageRequest.first(10)).items()).isEmpty();
        assertThat(store.tenants()).contains(ACME);
    }
}
