package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDecodingTest {

    @TempDir
    Path dir;

    private Path file(String name, int records) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < records; i++) {
            b.append("{\"n\":").append(i).append("}\n");
        }
        return Files.writeString(dir.resolve(name), b.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void handsOverEveryFilesRecordsInTheFilesOrderWhateverTheThreads() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            files.add(file("f" + f + ".jsonl", f * 300));
        }
        List<String> seen = new ArrayList<>();

        try (FileDecoding decoding = new FileDecoding(CliDecoders.standard(), files, 3)) {
            decoding.forEach(name -> seen.add("start " + Path.of(name).getFileName()),
                    record -> seen.add(Path.of(record.at().input()).getFileName() + "#" + record.at().index()),
                    (file, e) -> seen.add("unreadable " + file));
        }

        List<String> expected = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            expected.add("start f" + f + ".jsonl");
            for (int i = 1; i <= f * 300; i++) {
                expected.add("f" + f + ".jsonl#" + i);
            }
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aFileThatCannotBeReadIsReportedInItsPlace() throws IOException {
        Path before = file("a.jsonl", 3);
        Path missing = dir.resolve("gone.jsonl");
        Path after = file("c.jsonl", 2);
        List<String> seen = new ArrayList<>();

        try (FileDecoding decoding = new FileDecoding(CliDecoders.standard(), List.of(before, missing, after), 2)) {
            decoding.forEach(name -> seen.add("start"), record -> seen.add("record"),
                    (file, e) -> seen.add("unreadable " + file.getFileName()));
        }

        assertThat(seen).containsExactly("start", "record", "record", "record", "start", "unreadable gone.jsonl",
                "start", "record", "record");
    }
}
