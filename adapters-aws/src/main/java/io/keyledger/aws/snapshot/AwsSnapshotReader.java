package io.keyledger.aws.snapshot;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads saved AWS CLI listings ({@code --output json}) laid out as
 * <pre>
 * &lt;dir&gt;/aws/&lt;account&gt;/&lt;region&gt;/list-keys.json
 *                              list-aliases.json
 *                              describe-key/&lt;key-id&gt;.json
 *                              get-key-rotation-status/&lt;key-id&gt;.json
 *                              list-resource-tags/&lt;key-id&gt;.json
 *                              get-key-last-usage/&lt;key-id&gt;.json   (optional)
 *                              list-grants/&lt;key-id&gt;.json          (optional)
 *                              get-key-policy/&lt;key-id&gt;.json       (optional)
 * </pre>
 * one key source per account and region (docs/providers/aws.md, "Snapshot layout"). A key with no
 * describe-key file, or whose file holds an error such as AccessDeniedException, is partially observed.
 */
public final class AwsSnapshotReader implements SnapshotReader {

    static final String PROVIDER_DIR = "aws";

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public List<KeySource> read(Path dir) throws IOException {
        Path root = dir.getFileName() != null && dir.getFileName().toString().equals(PROVIDER_DIR)
                ? dir : dir.resolve(PROVIDER_DIR);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<KeySource> sources = new ArrayList<>();
        for (Path accountDir : sortedDirectories(root)) {
            for (Path regionDir : sortedDirectories(accountDir)) {
                Path listKeys = regionDir.resolve(ScopeSnapshot.LIST_KEYS);
                if (!Files.isRegularFile(listKeys)) {
                    continue;
                }
                String account = accountDir.getFileName().toString();
                if (!account.matches("\\d{12}")) {
                    throw new SnapshotFormatException(listKeys, "", "saved under '" + account
                            + "', which is not a 12-digit AWS account id");
                }
                sources.add(new ScopeSnapshot(regionDir, account, regionDir.getFileName().toString()).read());
            }
        }
        return sources;
    }

    private static List<Path> sortedDirectories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}
