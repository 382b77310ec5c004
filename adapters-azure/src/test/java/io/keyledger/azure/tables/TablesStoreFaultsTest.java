package io.keyledger.azure.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.FaultRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FaultRun} on the Tables store (Azurite): throttled calls, timeouts after the write went through and
 * conditional-check races at the write ports, every failed batch redelivered. Nothing lost or doubled, the same
 * inventory as without faults, and a ledger that verifies.
 */
class TablesStoreFaultsTest {

    @RegisterExtension
    static final LocalTables tables = LocalTables.perClass();

    @Test
    void ingestUnderStoreFaultsLosesAndDoublesNothing() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        FaultRun.Figures figures = FaultRun.run(() -> TablesInventoryStore.builder(tables.client(), tables.newTables())
                .clock(clock).build(), 15, 0.03, FaultRun.stream(15, 20), 25);
        System.out.println("store faults, Azure Tables: " + figures);

        assertThat(figures.faults()).isPositive();
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.divergentKeys()).isZero();
        assertThat(figures.ledgerIntact()).isTrue();
    }
}
