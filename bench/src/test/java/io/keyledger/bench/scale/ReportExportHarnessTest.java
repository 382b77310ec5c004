package io.keyledger.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test of the export harness on a small inventory: every key written in every format, page by page. */
class ReportExportHarnessTest {

    @Test
    void everyFormatWritesEveryKey() {
        List<ReportExportHarness.Export> exports = ReportExportHarness.run(2_500, List.of("csv", "json", "cbom"));

        assertThat(exports).extracting(ReportExportHarness.Export::format).containsExactly("csv", "json", "cbom");
        assertThat(exports).allSatisfy(e -> {
            assertThat(e.keysWritten()).as(e.format()).isEqualTo(2_500);
            assertThat(e.pages()).as(e.format()).isEqualTo(3);
            assertThat(e.bytes()).as(e.format()).isGreaterThan(2_500L * 300);
        });
    }

    @Test
    void theKeyCounterFindsMarkersAcrossWrites() {
        ReportExportHarness.KeyCounter counter = new ReportExportHarness.KeyCounter("\r\n");
        byte[] text = "a,b\r\nc,d\r".getBytes();
        counter.write(text, 0, text.length);
        counter.write('\n');

        assertThat(counter.matches).isEqualTo(2);
        assertThat(counter.bytes).isEqualTo(text.length + 1);
    }
}
