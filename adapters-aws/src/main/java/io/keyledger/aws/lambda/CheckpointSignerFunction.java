package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.aws.ledger.SqsCheckpointRequests;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.Checkpointer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code signCheckpoints}: the one function that signs the ledger's heads after the writers' batches. It
 * reads an SQS batch of requests ({@code {"tenant":"acme"}}, from the ingest, sweep and admin functions,
 * which may not sign), and signs each tenant's head once ({@link Checkpointer}: only a head that extends the
 * newest checkpoint). A tenant whose head it refuses to sign has its requests answered as failures: they
 * come back, and end in the dead-letter queue, whose alarm says someone changed a signed ledger.
 */
final class CheckpointSignerFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = System.getLogger(CheckpointSignerFunction.class.getName());

    private final Checkpointer checkpointer;

    CheckpointSignerFunction(Checkpointer checkpointer) {
        this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                byTenant.computeIfAbsent(SqsCheckpointRequests.tenantOf(m.getBody()), t -> new ArrayList<>())
                        .add(m.getMessageId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, KeyLedgerLambdaConfiguration.SIGN_CHECKPOINTS + ": message " + m.getMessageId()
                        + " is not a checkpoint request: " + e.getMessage());
                failed.add(m.getMessageId());
            }
        }
        byTenant.forEach((tenant, ids) -> {
            try {
                Optional<Checkpoint> c = checkpointer.checkpoint(tenant);
                LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.SIGN_CHECKPOINTS + ": tenant " + tenant + ": "
                        + c.map(Checkpoint::toString).orElse("no ledger records"));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, KeyLedgerLambdaConfiguration.SIGN_CHECKPOINTS + ": tenant " + tenant + ": "
                        + e.getMessage());
                failed.addAll(ids);
            }
        });
        return SqsBatches.failures(failed);
    }
}
