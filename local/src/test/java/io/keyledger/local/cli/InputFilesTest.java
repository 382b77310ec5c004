package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path dir;

    @Test
    void expandsDirectoriesInPathOrderSkippingHiddenEntries() throws IOException {
        for (String name : List.of("b/2.jsonl", "b/1.jsonl", "a.jsonl", "c/.secret/x.jsonl", "c/.dotfile", "c/z.gz")) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{}");
        }
        Path single = Files.writeString(dir.resolve("c/.explicit.jsonl"), "{}");

        List<Path> files = InputFiles.expand(List.of(dir, single));

        assertThat(files).containsExactly(dir.resolve("a.jsonl"), dir.resolve("b/1.jsonl"), dir.resolve("b/2.jsonl"),
                dir.resolve("c/z.gz"), single);
    }

    @Test
    void namesAMissingInput() {
        assertThatThrownBy(() -> InputFiles.expand(List.of(dir.resolve("gone"))))
                .isInstanceOf(CliException.class).hasMessageEndingWith("gone: no such file or directory");
    }

    @Test
    void dropsAByteOrderMark() throws IOException {
        byte[] text = "\uFEFF{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        try (BufferedReader r = InputFiles.reader(new ByteArrayInputStream(text))) {
            assertThat(r.readLine()).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void readsShortAndEmptyInputs() throws IOException {
        try (BufferedReader r = InputFiles.reader(new ByteArrayInputStream(new byte[] {0x1f}))) {
            assertThat(r.read()).isEqualTo(0x1f);
        }
        try (BufferedReader r = InputFiles.reader(new ByteArrayInputStream(new byte[0]))) {
            assertThat(r.readLine()).isNull();
        }
    }

    @Test
    void choosesTheJsonLinesDecoderForJsonAndNothingForOtherText() throws IOException {
        RecordDecoders decoders = RecordDecoders.standard();
        try (BufferedReader json = InputFiles.reader(new ByteArrayInputStream("\n  {\"x\":1}".getBytes(StandardCharsets.UTF_8)));
             BufferedReader csv = InputFiles.reader(new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(decoders.choose(json)).get().isInstanceOf(JsonLinesDecoder.class);
            assertThat(json.readLine()).isEmpty();
            assertThat(decoders.choose(csv)).isEmpty();
        }
    }
}
