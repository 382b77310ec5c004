package io.keyledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerWriterTest {

    private static final String TENANT = "acme";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ExpiryRules RULES = new ExpiryRules(RetentionPolicy.DEFAULT, List.of());

    private final InMemoryInventoryStore data = new InMemoryInventoryStore(CLOCK);

    @Test
    void writersOfOneStoreChainOnEachOtherWithoutReadingTheHead() {
        CountingLedger store = new CountingLedger(data);
        LedgerWriter inventory = new LedgerWriter(store, CLOCK);
        LedgerWriter alerts = new LedgerWriter(store, CLOCK);

        LedgerRecord first = inventory.append(TENANT, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"n\":1}", RULES);
        LedgerRecord second = alerts.append(TENANT, LedgerEntryType.ALERT_RAISED, Optional.empty(), "{\"n\":2}", RULES);
        LedgerRecord third = inventory.append(TENANT, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"n\":3}", RULES);

        assertThat(List.of(first.sequence(), second.sequence(), third.sequence())).containsExactly(1L, 2L, 3L);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(third.previousHash()).isEqualTo(second.hash());
        assertThat(store.headReads).as("only the first append reads the head").isEqualTo(1);
        assertThat(store.refused).isZero();
    }

    @Test
    void anAppendByAnotherProcessIsFoundByTheRefusedWriteAndChainedAfter() {
        CountingLedger store = new CountingLedger(data);
        LedgerWriter writer = new LedgerWriter(store, CLOCK);
        writer.append(TENANT, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"n\":1}", RULES);
        // Another process's writer: a store object of its own over the same data.
        LedgerRecord elsewhere = new LedgerWriter(new CountingLedger(data), CLOCK)
                .append(TENANT, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"n\":2}", RULES);

        LedgerRecord next = writer.append(TENANT, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"n\":3}", RULES);

        assertThat(store.refused).isEqualTo(1);
        assertThat(store.headReads).isEqualTo(2);
        assertThat(next.sequence()).isEqualTo(3);
        assertThat(next.previousHash()).isEqualTo(elsewhere.hash());
    }

    /** A ledger port that counts reads of the head and appends the store refused. */
    private static final class CountingLedger implements LedgerStore {
        private final LedgerStore ledger;
        int headReads;
        int refused;

        CountingLedger(LedgerStore ledger) {
            this.ledger = ledger;
        }

        @Override
        public void appendLedger(LedgerRecord record) {
            try {
                ledger.appendLedger(record);
            } catch (LedgerConflictException e) {
                refused++;
                throw e;
            }
        }

        @Override
        public LedgerHead ledgerHead(String tenant) {
            headReads++;
            return ledger.ledgerHead(tenant);
        }

        @Override
        public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                         boolean includeExpired, PageRequest page) {
            return ledger.ledger(tenant, fromSequence, keyId, includeExpired, page);
        }
    }
}
