package io.keyledger.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on its files at a thousandth of their size (scale 0 keeps the fixed ones small too). */
class HostileFilesHarnessTest {

    @TempDir
    Path dir;

    @Test
    void everyHostileFileEndsWithExit2AndTheGoodFileApplied() throws Exception {
        List<HostileFilesHarness.Run> runs = HostileFilesHarness.run(dir, 0, 128);

        assertThat(runs).hasSize(10).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.goodApplied()).as(r.toString()).isTrue();
            assertThat(r.firstReport()).as(r.toString()).doesNotContain("\u001b", "Exception", "Jackson");
        });
    }
}
