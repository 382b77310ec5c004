package io.keyledger.azure.functions;

import io.keyledger.azure.ledger.QueueCheckpointRequests;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.Checkpointer;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@value AzureFunctionNames#SIGN_CHECKPOINTS}: the one function that signs the ledger's heads after the writers'
 * batches, in the signing app alone (whose identity may use the Key Vault ledger key). It reads a checkpoint request
 * ({@code {"tenant":"acme"}}, queued by the ingest, sweep and admin functions, which may not sign) and signs the
 * tenant's head ({@link Checkpointer}: only a head that extends the newest checkpoint). A head it refuses to sign
 * fails the message: it is tried again, then goes to the poison queue, which says someone changed a signed ledger.
 */
final class CheckpointSigning implements Function<String, String> {

    private final Checkpointer checkpointer;

    CheckpointSigning(Checkpointer checkpointer) {
        this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
    }

    /**
     * @param message the queued request
     * @return what was signed, for the log
     * @throws IllegalArgumentException when the message is not a checkpoint request
     */
    @Override
    public String apply(String message) {
        String tenant = QueueCheckpointRequests.tenantOf(message);
        return "tenant " + tenant + ": " + checkpointer.checkpoint(tenant).map(Checkpoint::toString)
                .orElse("no ledger records");
    }
}
