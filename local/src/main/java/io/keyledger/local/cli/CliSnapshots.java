package io.keyledger.local.cli;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The saved-listing formats `keyledger sweep --snapshot` reads: one reader per provider. */
final class CliSnapshots {

    private CliSnapshots() {
    }

    static List<SnapshotReader> readers() {
        return List.of();
    }

    /** Every scope found under {@code dir}, whatever its provider. */
    static List<KeySource> sources(Path dir) throws IOException {
        List<KeySource> sources = new ArrayList<>();
        for (SnapshotReader reader : readers()) {
            sources.addAll(reader.read(dir));
        }
        return sources;
    }
}
