package io.keyledger.testkit.store;

import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every slice of the store contract starts from: a fresh, empty store for each test, on a clock the
 * test moves, and two tenants. Each slice runs on its own when a test extends it; a store's test extends
 * {@link InventoryStoreContract}, which runs them all.
 */
public abstract class StoreContractSlice {

    protected static final String ACME = "acme";
    protected static final String BETA = "beta";

    /** A retention of one day for everything: what the purge tests expire by. */
    protected static final RetentionPolicy ONE_DAY = new RetentionPolicy(Period.ofDays(1), Period.ofDays(1),
            Period.ofDays(1));

    protected MutableClock clock;
    protected InventoryStore store;

    /** A fresh, empty store whose reads see time through {@code clock}. */
    protected abstract InventoryStore createStore(MutableClock clock);

    @BeforeEach
    void openStore() {
        clock = MutableClock.at("2026-03-01T00:00:00Z");
        store = createStore(clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    protected static LedgerRecord link(String tenant, LedgerHead head, Optional<String> keyId, Instant at,
                                       Optional<Instant> expiresAt) {
        return LedgerRecord.chain(tenant, head.sequence() + 1, at, LedgerEntryType.EVENT_ACCEPTED, keyId,
                "{\"n\":" + (head.sequence() + 1) + "}", head.hash(), expiresAt);
    }

    /** The one-day retention, with {@code holds}. */
    protected static ExpiryRules oneDay(LegalHold... holds) {
        return new ExpiryRules(ONE_DAY, List.of(holds));
    }

    /** Appends the next record of the tenant's chain, at the clock's time. */
    protected LedgerRecord appendLink(String tenant, Optional<String> keyId, Optional<Instant> expiresAt) {
        LedgerRecord r = link(tenant, store.ledgerHead(tenant), keyId, clock.instant(), expiresAt);
        store.appendLedger(r);
        return r;
    }
}
