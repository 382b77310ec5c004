package io.keyledger.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on a few clients against the CLI jar the build made: every request gets a page of keys. */
class ServeLoadHarnessTest {

    @TempDir
    Path dir;

    @Test
    void everyRequestIsAnsweredWithAPageOfKeysWithAuthenticationOn() throws Exception {
        ServeLoadHarness.Options options = ServeLoadHarness.Options.defaults()
                .with("--keys", "60").with("--clients", "4").with("--warmup", "3").with("--requests", "10")
                .with("--jar", Path.of("..", "local", "target", "keyledger.jar").toString());

        ServeLoadHarness.Result r = ServeLoadHarness.run(options, dir);

        assertThat(r.requests()).isEqualTo(40);
        assertThat(r.ok()).as(r.firstProblem()).isEqualTo(40);
        assertThat(r.failed() + r.notOk()).isZero();
        assertThat(r.bodyBytesPerResponse()).isPositive();
        assertThat(r.p50Micros()).isLessThanOrEqualTo(r.p99Micros());
    }
}
