package io.keyledger.core.ledger;

import java.util.List;
import java.util.Optional;

/**
 * Where checkpoints are written outside the store, append-only: on one machine a checkpoints file
 * ({@link CheckpointsFile}), in AWS an S3 bucket with Object Lock in compliance mode. Whoever rewrites the
 * store cannot take back what was appended here, so a truncated or rewritten ledger contradicts it.
 */
public interface CheckpointAnchor {

    /** Appends a checkpoint. Appending one the anchor holds already changes nothing. */
    void append(Checkpoint checkpoint);

    /** The tenant's checkpoint with the highest sequence the anchor holds. */
    Optional<Checkpoint> newest(String tenant);

    /**
     * Every checkpoint of the tenant the anchor holds, in sequence order.
     *
     * @throws AnchorException when an entry cannot be read (it names the entry)
     */
    List<Checkpoint> all(String tenant);

    /**
     * Whether verification reads every checkpoint the anchor holds (a local file), to hold each against the
     * store's and the ledger; otherwise it reads the newest only (a bucket of millions of objects).
     */
    default boolean readsWhole() {
        return false;
    }

    /** How messages name the anchor ("checkpoints file /x/y.jsonl", "s3://bucket/checkpoints/"). */
    String describe();

    /** An entry of an anchor that is not a checkpoint, or an anchor that cannot be read or written. */
    class AnchorException extends RuntimeException {
        public AnchorException(String message) {
            super(message);
        }

        public AnchorException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
