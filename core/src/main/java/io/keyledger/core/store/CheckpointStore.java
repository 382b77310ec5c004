package io.keyledger.core.store;

import io.keyledger.core.ledger.Checkpoint;
import java.util.Optional;

/**
 * The signed checkpoints of the tenants' ledgers, kept in the store beside the ledger so that
 * verification finds every one of them (they are also appended outside the store, to a
 * {@link io.keyledger.core.ledger.CheckpointAnchor}, which is what makes deleting them useless). At most
 * one checkpoint per tenant and sequence. Checkpoints never expire. Contract: {@code CheckpointStoreContract}
 * (in the testkit).
 */
public interface CheckpointStore {

    /**
     * Keeps a checkpoint unless the tenant has one for that sequence already.
     *
     * @return true if kept, false if one was there (which stays)
     */
    boolean putCheckpoint(Checkpoint checkpoint);

    /** The tenant's checkpoint with the highest sequence. */
    Optional<Checkpoint> latestCheckpoint(String tenant);

    /** The tenant's checkpoints in sequence order, one page at a time. */
    Page<Checkpoint> checkpoints(String tenant, PageRequest page);
}
