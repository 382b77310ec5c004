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
}
