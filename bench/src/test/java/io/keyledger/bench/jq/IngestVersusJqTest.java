package io.keyledger.bench.jq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on a small corpus, KeyLedger's side only (jq is not needed to build): the generated corpus holds
 * what it says, and {@code keyledger ingest} of it passes every check the harness makes.
 */
class IngestVersusJqTest {

    @TempDir
    Path dir;

    @Test
    void aSmallCorpusIsIngestedWithEveryKeysStateAndEveryEventKept() throws Exception {
        HarnessOptions options = HarnessOptions.parse("--records", "3000", "--keys", "30", "--per-file", "200",
                "--no-jq", "--jar", Path.of("..", "local", "target", "keyledger.jar").toString(),
                "--java-options", "-Xmx128m -XX:+UseSerialGC", "--work", dir.toString(),
                "--json", dir.resolve("figures.json").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean passed = IngestVersusJq.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("checks: every key's state equals");
        assertThat(passed).as(printed).isTrue();
        assertThat(Files.readString(dir.resolve("figures.json"))).contains("\"recordsPerSecond\"", "\"ledgerByType\"");
    }

    @Test
    void theCorpusHoldsTheMixItSays() throws IOException {
        CloudTrailCorpus.Summary corpus = CloudTrailCorpus.write(new CloudTrailCorpus.Settings(20_000, 200, 500, 0.01,
                CloudTrailCorpus.Order.CHRONOLOGICAL, 7), dir.resolve("corpus"));

        assertThat(corpus.records()).isEqualTo(20_000);
        assertThat(corpus.duplicates()).isEqualTo(198);
        assertThat((double) corpus.uses() / corpus.unique()).isBetween(0.94, 0.96);
        assertThat(corpus.lastStateChange()).isNotEmpty();
        try (var files = Files.list(dir.resolve("corpus"))) {
            assertThat(files.count()).isEqualTo(corpus.files());
        }
        // the same seed writes the same corpus
        CloudTrailCorpus.Summary again = CloudTrailCorpus.write(new CloudTrailCorpus.Settings(20_000, 200, 500, 0.01,
                CloudTrailCorpus.Order.CHRONOLOGICAL, 7), dir.resolve("again"));
        assertThat(again.bytes()).isEqualTo(corpus.bytes());
        assertThat(again.lastStateChange()).isEqualTo(corpus.lastStateChange());
    }

    @Test
    void optionsAreChecked() {
        assertThat(HarnessOptions.parse("--records", "5000").keys()).isEqualTo(50);
        assertThat(HarnessOptions.parse("--order", "shuffled").orders()).containsExactly(CloudTrailCorpus.Order.SHUFFLED);
        assertThat(HarnessOptions.parse("--jar", "a.jar", "--jar", "b.jar").jars()).containsExactly(Path.of("a.jar"),
                Path.of("b.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--order", "random")).hasMessageContaining("--order");
        assertThatThrownBy(() -> HarnessOptions.parse("--records", "ten")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> HarnessOptions.parse("--keys", "5000", "--records", "10000"))
                .hasMessageContaining("keys must be between");
        assertThat(List.of(IngestVersusJq.stateAfter("CancelKeyDeletion"))).isNotEmpty();
    }
}
