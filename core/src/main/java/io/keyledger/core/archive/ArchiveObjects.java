package io.keyledger.core.archive;

import java.time.Instant;
import java.util.Optional;

/**
 * Where archived segments are kept, outside the store: files beside the database on one machine
 * ({@link ArchiveDirectory}), an S3 bucket with Object Lock in AWS. Objects are written once and never
 * replaced; they are deleted only by a purge, at the end of their retention.
 */
public interface ArchiveObjects {

    /**
     * Writes a new object. Writing the same bytes under a name again changes nothing; other bytes under a
     * taken name are refused.
     *
     * @param retainUntil until when the archive may lock the object against deletion, if it can
     * @throws ArchiveException when the object cannot be written, or the name holds other bytes
     */
    void write(String name, byte[] content, Optional<Instant> retainUntil);

    /** The object's bytes, if it exists. */
    Optional<byte[]> read(String name);

    /** Deletes the object, if it exists. */
    void delete(String name);

    /** How messages name the archive ("archive directory /x", "s3://bucket"). */
    String describe();

    /** The archive cannot be read or written. */
    class ArchiveException extends RuntimeException {
        public ArchiveException(String message) {
            super(message);
        }

        public ArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
