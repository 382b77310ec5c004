package io.keyledger.core.ledger;

import java.util.Objects;
import java.util.Set;

/**
 * How a writer has its ledger appends signed, once they are kept (committed): on one machine the writer
 * holds the key and signs at once ({@link #signingNow}); in a cloud deployment the writers may not use
 * the key, and ask the function that may (an SQS message in AWS). Every service that appends calls it at
 * the end of its batch or operation.
 */
@FunctionalInterface
public interface CheckpointRequests {

    /** Nobody signs: a store assembled without a signing key. */
    CheckpointRequests NONE = tenants -> {
    };

    /**
     * The appends to these tenants' ledgers are kept: sign their heads, now or soon.
     *
     * @throws CheckpointRefusedException when signing at once and the ledger no longer extends its last checkpoint
     */
    void request(Set<String> tenants);

    /** Signs each tenant's head at once, in the caller's thread. */
    static CheckpointRequests signingNow(Checkpointer checkpointer) {
        Objects.requireNonNull(checkpointer, "checkpointer");
        return tenants -> tenants.stream().sorted().forEach(checkpointer::checkpoint);
    }
}
