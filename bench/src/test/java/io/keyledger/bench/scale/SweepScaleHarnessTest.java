package io.keyledger.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.sweep.KeyClass;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of what the scale harness runs, on a small provider. The harness paces on the real clock
 * (that is what it measures), so this runs in real time too, about a second; it asserts the classes and
 * the calls, never a duration.
 */
class SweepScaleHarnessTest {

    @Test
    void threePassesIntoMemoryClassEveryKeyAsExpected() {
        ScaleOptions options = ScaleOptions.parse("--keys", "2000", "--scopes", "2", "--parallelism", "2",
                "--page-size", "100");
        ScaleRun.Result result = ScaleRun.run(options, new InMemoryInventoryStore(Clock.systemUTC()));

        assertThat(result.problems()).isEmpty();
        PassFigures first = result.passes().get(0);
        PassFigures second = result.passes().get(1);
        PassFigures third = result.passes().get(2);

        assertThat(first.count(KeyClass.UNTRACKED)).isEqualTo(2000);
        assertThat(first.corrections()).as("one event per key, one more per version").isGreaterThan(2000);
        assertThat(second.count(KeyClass.CONFIRMED)).isEqualTo(2000);
        assertThat(second.corrections()).isZero();
        assertThat(result.removed()).hasSize(20);
        assertThat(third.count(KeyClass.MISSING)).isEqualTo(20);
        assertThat(third.count(KeyClass.CONFIRMED)).isEqualTo(1980);
        assertThat(result.foundMissing()).isEqualTo(result.removed());
        assertThat(third.corrections()).isEqualTo(20);

        // 10 pages of 100 per scope; a direct read of each deleted key, and of nothing else.
        for (PassFigures p : result.passes()) {
            assertThat(p.list().calls()).as(p.name()).isEqualTo(20);
            assertThat(p.partialScopes()).as(p.name()).isZero();
            assertThat(p.givenUp()).as(p.name()).isZero();
            // Paced to half the quota, a sweep never fills the provider's window: not one refusal.
            assertThat(p.throttled()).as(p.name()).isZero();
            assertThat(p.retries()).as(p.name()).isZero();
            assertThat(p.list().peakInOneSecond()).isLessThanOrEqualTo(250);
        }
        assertThat(first.describe().calls()).isZero();
        assertThat(second.describe().calls()).isZero();
        assertThat(third.describe().calls()).isEqualTo(20);
    }

    @Test
    void threePassesIntoSqliteClassEveryKeyAsExpected(@TempDir Path dir) {
        ScaleOptions options = ScaleOptions.parse("--keys", "400", "--scopes", "2", "--page-size", "50",
                "--remove", "0.05", "--store", "sqlite", "--db", dir.resolve("scale.db").toString());
        try (SqliteInventoryStore store = SqliteInventoryStore.open(options.db().orElseThrow(), Clock.systemUTC())) {
            ScaleRun.Result result = ScaleRun.run(options, store);

            assertThat(result.problems()).isEmpty();
            assertThat(result.removed()).hasSize(20);
            assertThat(result.passes().get(2).count(KeyClass.MISSING)).isEqualTo(20);
        }
    }

    @Test
    void theTableShowsEveryPass() {
        ScaleOptions options = ScaleOptions.parse("--keys", "300", "--scopes", "3");
        ScaleRun.Result result = ScaleRun.run(options, new InMemoryInventoryStore(Clock.systemUTC()));

        String table = FiguresTable.render(options, result);
        assertThat(table).contains("first sweep", "second sweep", "after deletions", "untracked", "missing",
                "throttled by the provider", "peak heap used (MB)");
    }

    @Test
    void optionsDefaultToTheDocumentedRunAndRejectNonsense() {
        ScaleOptions defaults = ScaleOptions.parse();
        assertThat(defaults.keys()).isEqualTo(100_000);
        assertThat(defaults.scopes()).isEqualTo(10);
        assertThat(defaults.pageSize()).isEqualTo(1000);
        assertThat(defaults.quotaShare()).isEqualTo(0.5);
        assertThat(defaults.db()).isEqualTo(Optional.empty());

        assertThatThrownBy(() -> ScaleOptions.parse("--share", "1.5")).hasMessageContaining("--share");
        assertThatThrownBy(() -> ScaleOptions.parse("--keys")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ScaleOptions.parse("--frobnicate", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ScaleOptions.parse("--db", "x.db")).hasMessageContaining("--store sqlite");
    }
}
