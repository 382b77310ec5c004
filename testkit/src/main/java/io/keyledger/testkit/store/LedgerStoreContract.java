package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The {@link LedgerStore} slice of the store contract: conditional appends, exact records, paging. */
public abstract class LedgerStoreContract extends StoreContractSlice {

    @Test
    void appendMustFollowTheHead() {
        LedgerRecord first = appendLink(ACME, Optional.empty(), Optional.empty());

        assertThat(store.ledgerHead(ACME)).isEqualTo(new LedgerHead(1, first.hash()));
        LedgerRecord again = link(ACME, LedgerHead.EMPTY, Optional.empty(), T0, Optional.empty());
        assertThatThrownBy(() -> store.appendLedger(again)).isInstanceOf(LedgerConflictException.class);
        LedgerRecord skipping = LedgerRecord.chain(ACME, 5, T0, LedgerEntryType.EVENT_ACCEPTED,
                Optional.empty(), "{}", first.hash(), Optional.empty());
        assertThatThrownBy(() -> store.appendLedger(skipping)).isInstanceOf(LedgerConflictException.class);
        assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(1);
    }

    @Test
    void recordsRoundTripExactly() {
        LedgerRecord r = LedgerRecord.chain(ACME, 1, Instant.parse("2026-02-03T04:05:06.000000007Z"),
                LedgerEntryType.ASSET_CHANGED, Optional.of("aws:k"), "{\"stateAfter\":\"ACTIVE\",\"é\":\"ü\"}",
                LedgerHash.GENESIS, Optional.of(Instant.parse("2033-02-03T04:05:06Z")));
        store.appendLedger(r);

        assertThat(store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1)).items()).containsExactly(r);
    }

    @Test
    void concurrentWritersKeepOneVerifiableChain() throws Exception {
        LedgerWriter writer = new LedgerWriter(store, clock);
        ExpiryRules rules = new ExpiryRules(RetentionPolicy.DEFAULT, List.of());
        Callable<Void> task = () -> {
            for (int i = 0; i < 40; i++) {
                writer.append(ACME, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"i\":" + i + "}", rules);
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> f : pool.invokeAll(List.of(task, task))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(80);
        assertThat(new LedgerVerifier(store).verify(ACME).intact()).isTrue();
    }

    @Test
    void ledgerPagesInSequenceOrderAndFiltersByKey() {
        for (int i = 0; i < 7; i++) {
            appendLink(ACME, Optional.of(i % 2 == 0 ? "aws:even" : "aws:odd"), Optional.empty());
        }
        Page<LedgerRecord> first = store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(3));
        Page<LedgerRecord> second = store.ledger(ACME, 1, Optional.empty(), false,
                PageRequest.first(3).next(first.nextCursor().orElseThrow()));
        Page<LedgerRecord> evens = store.ledger(ACME, 1, Optional.of("aws:even"), false, PageRequest.first(100));
        Page<LedgerRecord> fromFive = store.ledger(ACME, 5, Optional.empty(), false, PageRequest.first(100));

        assertThat(first.items()).extracting(LedgerRecord::sequence).containsExactly(1L, 2L, 3L);
        assertThat(second.items()).extracting(LedgerRecord::sequence).containsExactly(4L, 5L, 6L);
        assertThat(evens.items()).extracting(LedgerRecord::sequence).containsExactly(1L, 3L, 5L, 7L);
        assertThat(fromFive.items()).extracting(LedgerRecord::sequence).containsExactly(5L, 6L, 7L);
    }
}
