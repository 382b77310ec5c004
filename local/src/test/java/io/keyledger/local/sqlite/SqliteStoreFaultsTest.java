package io.keyledger.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.testkit.store.FaultRun;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FaultRun} on SQLite: a failed batch is rolled back whole and redelivered; nothing lost or doubled. */
class SqliteStoreFaultsTest {

    @TempDir
    Path dir;

    @Test
    void ingestUnderStoreFaultsLosesAndDoublesNothing() {
        AtomicInteger n = new AtomicInteger();
        FaultRun.Figures figures = FaultRun.run(() -> SqliteInventoryStore.open(dir.resolve("s" + n.incrementAndGet()
                + ".db"), MutableClock.at("2026-03-01T00:00:00Z")), 15, 0.05, FaultRun.stream(15, 40), 25);
        System.out.println("store faults, SQLite: " + figures);

        assertThat(figures.faults()).isPositive();
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.divergentKeys()).isZero();
        assertThat(figures.ledgerIntact()).isTrue();
    }
}
