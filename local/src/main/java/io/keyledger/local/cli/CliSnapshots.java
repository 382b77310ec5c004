package io.keyledger.local.cli;

import io.keyledger.aws.snapshot.AwsSnapshotReader;
import io.keyledger.azure.snapshot.AzureSnapshotReader;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotReader;
import io.keyledger.gcp.snapshot.GcloudSnapshotReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The saved-listing formats `keyledger sweep --snapshot` reads: one reader per provider. */
final class CliSnapshots {

    private CliSnapshots() {
    }

    /** Azure keys have no state of their own: it is derived from their dates at {@code clock}. */
    static List<SnapshotReader> readers(Clock clock) {
        return List.of(new AwsSnapshotReader(), new AzureSnapshotReader(clock), new GcloudSnapshotReader());
    }

    /** Every scope found under {@code dir}, whatever its provider. */
    static List<KeySource> sources(Path dir, Clock clock) throws IOException {
        List<KeySource> sources = new ArrayList<>();
        for (SnapshotReader reader : readers(clock)) {
            sources.addAll(reader.read(dir));
        }
        return sources;
    }
}
