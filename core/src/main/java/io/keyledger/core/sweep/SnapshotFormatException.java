package io.keyledger.core.sweep;

import java.nio.file.Path;

/** A saved listing file that cannot be read, with the field at fault. */
public class SnapshotFormatException extends RuntimeException {

    public SnapshotFormatException(Path file, String field, String message) {
        super(file + (field.isEmpty() ? "" : ": field '" + field + "'") + ": " + message);
    }
}
