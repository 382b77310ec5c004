package io.keyledger.core.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a saved listing (the provider's own API responses, as its CLI prints them) into key sources,
 * one per scope, so that a sweep can run against an export instead of a live account.
 */
public interface SnapshotReader {

    /** The provider whose listings this reads ("aws", "azure", "gcp"). */
    String provider();

    /**
     * The key sources of every scope found under {@code dir}; an empty list if none of its files are
     * this provider's.
     *
     * @throws SnapshotFormatException naming the file and field of a listing that cannot be read
     */
    List<KeySource> read(Path dir) throws IOException;
}
