package io.keyledger.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.local.server.ServerLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on a few clients: every load request is served while slow and idle clients hold connections. */
class SlowClientsHarnessTest {

    @TempDir
    Path dir;

    @Test
    void loadIsServedWithinItsTenantWhileSlowAndIdleClientsAreCutOff() throws Exception {
        Duration short_ = Duration.ofMillis(500);
        SlowClientsHarness.Result r = SlowClientsHarness.run(dir, 8, 8, 4, 20, 40,
                ServerLimits.DEFAULTS.withTimeouts(short_, short_, short_));

        assertThat(r.requests()).isEqualTo(80);
        assertThat(r.ok()).isEqualTo(80);
        assertThat(r.failed() + r.serverErrors() + r.crossTenant()).isZero();
        assertThat(r.slowAnswered408()).isEqualTo(8);
        assertThat(r.idleClosed()).isEqualTo(8);
    }
}
