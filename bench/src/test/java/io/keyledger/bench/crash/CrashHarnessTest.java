package io.keyledger.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on one group of files: one run of each part, each identical to its reference. */
class CrashHarnessTest {

    @TempDir
    Path dir;

    @Test
    void killedRestartedAndConcurrentRunsEndAsTheirReferences() throws Exception {
        CrashHarness.Options small = new CrashHarness.Options(300, 1, 1, 1, 2, 5, 15, 256);

        CrashHarness.Figures f = CrashHarness.run(dir, small, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(f.corpus().duplicates()).isPositive();
        assertThat(f.reference().keys()).isPositive();
        assertThat(f.reference().alerts()).isPositive();
        assertThat(f.runs()).hasSize(3).allSatisfy(r -> assertThat(r.clean()).as(r.toString()).isTrue());
        assertThat(f.runs().get(1).kills()).isPositive();
        // the comparison sees a difference when there is one: the writes changed the inventory
        assertThat(f.serveReference().divergencesFrom(f.reference())).isNotEmpty();
    }
}
