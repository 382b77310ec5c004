package io.keyledger.gcp.functions;

import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.Checkpointer;
import io.keyledger.gcp.ledger.TopicCheckpointRequests;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@value KeyLedgerGcpConfiguration#SIGN_CHECKPOINTS}: signs a tenant's ledger head when a writer asks (a message of
 * the checkpoint topic, {@code {"tenant":"acme"}}), in the one function whose service account may use the Cloud KMS
 * ledger key. It signs only a head that extends the newest checkpoint ({@link Checkpointer}); one it refuses fails
 * the delivery, which Eventarc retries, so that someone who changed a signed ledger is seen.
 */
final class CheckpointSigning implements Function<String, String> {

    private final Checkpointer checkpointer;

    CheckpointSigning(Checkpointer checkpointer) {
        this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
    }

    /**
     * @param request the message's data
     * @return what was signed, for the log
     * @throws IllegalArgumentException when the message is not a checkpoint request
     */
    @Override
    public String apply(String request) {
        String tenant = TopicCheckpointRequests.tenantOf(request);
        return "tenant " + tenant + ": " + checkpointer.checkpoint(tenant).map(Checkpoint::toString)
                .orElse("no ledger records");
    }
}
