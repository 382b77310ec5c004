package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

        List<Path> files = InputFiles.expand(List.of(dir, single)).files();

        assertThat(files).containsExactly(dir.resolve("a.jsonl"), dir.resolve("b/1.jsonl"), dir.resolve("b/2.jsonl"),
                dir.resolve("c/z.gz"), single);
    }

    @Test
    void namesAMissingInputAndSkipsIt() throws IOException {
        Path good = Files.writeString(dir.resolve("good.jsonl"), "{}");

        InputFiles.Expansion e = InputFiles.expand(List.of(dir.resolve("gone"), good));

        assertThat(e.files()).containsExactly(good);
        assertThat(e.skipped()).singleElement().asString().endsWith("gone: no such file or directory");
    }

    /** Regression (issue 15): a symbolic link, given or met in a directory, was silently skipped. */
    @Test
    void followsSymbolicLinksToFilesAndDirectoriesAndReadsAFileReachedTwiceOnce() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path file = Files.writeString(real.resolve("a.jsonl"), "{}");
        Path linkToFile = Files.createSymbolicLink(dir.resolve("link.jsonl"), file);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("current"), real);
        Files.writeString(real.resolve("b.jsonl"), "{}");

        InputFiles.Expansion e = InputFiles.expand(List.of(linkToFile, tree));

        assertThat(e.files()).containsExactly(linkToFile, tree.resolve("current/b.jsonl"));
        assertThat(e.skipped()).isEmpty();
    }

    @Test
    void reportsALinkLoopAndADanglingLinkAndReadsTheRest() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.createSymbolicLink(tree.resolve("up"), dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("dangling.jsonl"), dir.resolve("nowhere.jsonl"));
        Path good = Files.writeString(tree.resolve("good.jsonl"), "{}");

        InputFiles.Expansion e = InputFiles.expand(List.of(dir.resolve("tree")));

        assertThat(e.files()).containsExactly(good);
        assertThat(e.skipped()).containsExactlyInAnyOrder(
                tree.resolve("dangling.jsonl") + ": a symbolic link to " + dir.resolve("nowhere.jsonl")
                        + ", which does not exist",
                tree.resolve("up") + ": a symbolic link loop (it leads back to a directory that contains it); not followed");
    }

    @Test
    void saysTheOperatingSystemsReasonNotJavasRepetitionOfThePath() {
        assertThat(InputFiles.reason(new java.nio.file.AccessDeniedException("in/x.json"))).isEqualTo("permission denied");
        assertThat(InputFiles.reason(new java.nio.file.FileSystemException("in/x.json", null, "Is a directory")))
                .isEqualTo("is a directory");
        assertThat(InputFiles.reason(new java.nio.file.NoSuchFileException("in/x.json")))
                .isEqualTo("no such file or directory");
    }
}
