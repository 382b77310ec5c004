package io.keyledger.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on small files: every record applied (none again when redelivered), and the alerts each shape calls for. */
class BusyShapesHarnessTest {

    @TempDir
    Path dir;

    @Test
    void everyShapeIsAppliedWithItsAlerts() throws Exception {
        for (BusyShapesHarness.Shape shape : BusyShapesHarness.Shape.values()) {
            BusyShapesHarness.Run run = BusyShapesHarness.ingest(dir, shape, 400);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.applied()).as(run.toString())
                    .isEqualTo(shape == BusyShapesHarness.Shape.BUSY_KEY_AGAIN ? 0 : 400);
            assertThat(run.ok()).as(run.toString()).isTrue();
        }
    }
}
