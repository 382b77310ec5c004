package io.keyledger.tests.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keyledger.aws.snapshot.AwsSnapshotReader;
import io.keyledger.azure.snapshot.AzureSnapshotReader;
import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SnapshotReader;
import io.keyledger.gcp.snapshot.GcloudSnapshotReader;
import io.keyledger.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The three snapshot readers ({@code keyledger sweep --snapshot DIR}) on mutated saved listings: the real layout of
 * each provider's CLI output (the files of local's snapshot tests), each file kept, mutated as JSON, replaced by
 * fuzzed text or left out, and the account and scope folders renamed. Reading either gives key sources that page
 * to an end and describe their keys, or fails with {@link SnapshotFormatException} naming the file and field:
 * anything else is a finding.
 */
class SnapshotFuzzTest {

    private static final InputBudget BUDGET = new InputBudget(32L << 20, 4096);
    /** More pages than any listing of these files can have: a cursor that never ends is a finding. */
    private static final int MAX_PAGES = 10_000;
    private static final Path WORK = workDirectory();

    @AfterAll
    static void removeWorkDirectory() throws IOException {
        delete(WORK);
    }

    @FuzzTest
    void awsListings(FuzzedDataProvider data) {
        read(new AwsSnapshotReader(), "aws", data);
    }

    @FuzzTest
    void azureListings(FuzzedDataProvider data) {
        read(new AzureSnapshotReader(MutableClock.at("2026-06-01T00:00:00Z")), "azure", data);
    }

    @FuzzTest
    void gcloudListings(FuzzedDataProvider data) {
        read(new GcloudSnapshotReader(), "gcp", data);
    }

    private static void read(SnapshotReader reader, String provider, FuzzedDataProvider data) {
        Map<String, String> seed = Seeds.of(provider);
        int size = data.remainingBytes();
        Path dir = WORK.resolve(provider + "-input");
        try {
            delete(dir);
            write(dir, seed, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BUDGET.spend(size, () -> {
            try {
                List<KeySource> sources;
                try {
                    sources = reader.read(dir);
                } catch (SnapshotFormatException refused) {
                    return;
                }
                for (KeySource source : sources) {
                    exercise(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Pages through a source to its end and describes each key it listed, as a sweep does. */
    private static void exercise(KeySource source) {
        Optional<String> cursor = Optional.empty();
        List<ObservedKey> listed = new ArrayList<>();
        int pages = 0;
        do {
            KeyListing page;
            try {
                page = source.list(cursor);
            } catch (SnapshotFormatException refused) {
                return;
            }
            listed.addAll(page.keys());
            cursor = page.nextCursor();
            if (++pages > MAX_PAGES) {
                throw new AssertionError("a listing of " + source.scope() + " did not end after " + MAX_PAGES + " pages");
            }
        } while (cursor.isPresent());
        for (ObservedKey key : listed) {
            try {
                source.describe(key.ref());
            } catch (SnapshotFormatException refused) {
                // a per-key file that cannot be read, named
            }
        }
    }

    /** Each file of the seed layout kept, mutated, replaced or left out; the first two folder levels perhaps renamed. */
    private static void write(Path dir, Map<String, String> seed, FuzzedDataProvider data) throws IOException {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : seed.entrySet()) {
            String[] parts = file.getKey().split("/");
            for (int level = 1; level <= 2 && level < parts.length - 1; level++) {
                String original = parts[level];
                String key = level + ":" + original;
                parts[level] = renamed.computeIfAbsent(key, k -> data.consumeInt(0, 7) == 7 ? folderName(data, original)
                        : original);
            }
            String text = switch (data.consumeInt(0, 7)) {
                case 5 -> mutated(file.getValue(), data);
                case 6 -> data.consumeString(2048);
                case 7 -> null;
                default -> file.getValue();
            };
            if (text != null) {
                Path target = dir.resolve(String.join("/", parts));
                Files.createDirectories(target.getParent());
                Files.writeString(target, text, StandardCharsets.UTF_8);
            }
        }
    }

    private static String mutated(String text, FuzzedDataProvider data) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(text);
        } catch (JacksonException notJson) {
            return text;
        }
        return Json.write(JsonMutations.mutate(tree, data));
    }

    /** A folder name the file system takes: letters, digits and {@code ._-}, never {@code .} or {@code ..}. */
    private static String folderName(FuzzedDataProvider data, String original) {
        String name = data.consumeString(40).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? original + "_" : name;
    }

    private static Path workDirectory() {
        try {
            return Files.createTempDirectory("keyledger-snapshot-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The saved listings of local's snapshot tests, by path under the snapshot folder ({@code aws/1111.../list-keys.json}). */
    private static final class Seeds {
        private static final Map<String, Map<String, String>> BY_PROVIDER = new java.util.concurrent.ConcurrentHashMap<>();

        static Map<String, String> of(String provider) {
            return BY_PROVIDER.computeIfAbsent(provider, Seeds::load);
        }

        private static Map<String, String> load(String provider) {
            try {
                Path root = Path.of(SnapshotFuzzTest.class.getResource("snapshots").toURI());
                Map<String, String> files = new LinkedHashMap<>();
                try (Stream<Path> all = Files.walk(root.resolve(provider))) {
                    for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                    }
                }
                return files;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
