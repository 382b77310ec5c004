package io.keyledger.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.FaultRun;
import io.keyledger.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Ingest and a sweep into the in-memory store behind a fault injector (throttling, timeouts after the write,
 * conditional-check races), every failed batch redelivered and every failed sweep run again: nothing lost, nothing
 * doubled, the same records, histories and alerts as without faults, and a ledger that verifies. The figures are
 * printed.
 */
class StoreFaultsTest {

    @Test
    void ingestAndSweepUnderStoreFaultsLoseAndDoubleNothing() {
        FaultRun.Figures figures = FaultRun.run(() -> new InMemoryInventoryStore(MutableClock.at("2026-03-01T00:00:00Z")),
                15, 0.05, FaultRun.stream(15, 60), 25);
        System.out.println("store faults, in-memory: " + figures);

        assertThat(figures.faults()).isPositive();
        assertThat(figures.redeliveries()).isPositive();
        assertThat(figures.sweepRedeliveries()).isPositive();
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.divergentKeys()).isZero();
        assertThat(figures.ledgerIntact()).isTrue();
    }
}
