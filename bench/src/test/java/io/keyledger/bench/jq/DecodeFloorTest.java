package io.keyledger.bench.jq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The floor's passes on a small generated corpus: the decoders see every record the corpus holds, on any threads. */
class DecodeFloorTest {

    @TempDir
    Path dir;

    @Test
    void everyPassGoesThroughTheWholeCorpus() throws Exception {
        CloudTrailCorpus.Summary corpus = CloudTrailCorpus.write(new CloudTrailCorpus.Settings(2_000, 20, 300, 0.01,
                CloudTrailCorpus.Order.SHUFFLED, 11), dir);
        List<Path> files = DecodeFloor.gzipFiles(dir);

        List<DecodeFloor.Pass> passes = DecodeFloor.measure(files, 2);

        assertThat(files).hasSize(corpus.files());
        assertThat(passes).extracting(DecodeFloor.Pass::label).containsExactly("gunzip + JSON tokens",
                "gunzip + JSON tokens + strings", "decoded, 1 thread", "decoded, 2 threads");
        // every record is a JSON object of more than a dozen tokens
        assertThat(passes.get(0).items()).isGreaterThan(12 * corpus.records()).isEqualTo(passes.get(1).items());
        assertThat(passes.get(2).items()).isEqualTo(corpus.records());
        assertThat(passes.get(3).items()).isEqualTo(corpus.records());
        assertThat(passes).allSatisfy(p -> assertThat(p.wallSeconds()).isPositive());
    }
}
