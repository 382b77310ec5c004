package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code ingestQueue}: an SQS batch of audit records (EventBridge events, CloudTrail records, S3
 * notifications of new log files, also wrapped in SNS). Answers with the batch item failures: a bad
 * message fails alone and is delivered again, finally to the dead-letter queue; on a FIFO queue the first
 * failure fails the rest of the batch, unapplied, so that order is kept.
 *
 * <p>The batch is one unit of work of the store: on DynamoDB the ledger head moves once per batch, not once per
 * ledger record. What the unit holds back for its end failing to be written, every message is delivered again.
 */
final class QueueIngestFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = System.getLogger(QueueIngestFunction.class.getName());

    private final MessageIngester ingester;
    private final InventoryStore store;

    QueueIngestFunction(MessageIngester ingester, InventoryStore store) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<InboundMessage> messages = SqsBatches.messages(event);
        boolean fifo = SqsBatches.isFifo(event);
        IngestOutcome outcome;
        try {
            outcome = store.inUnitOfWork(() -> ingester.ingest(messages, fifo));
        } catch (RuntimeException e) {
            // Each message's own failures are answered inside; this is the end of the unit: everything again.
            LOG.log(Level.WARNING, KeyLedgerLambdaConfiguration.INGEST_QUEUE + ": the batch's unit of work failed at its "
                    + "end, all " + messages.size() + " messages will be delivered again: " + e);
            return SqsBatches.failures(messages.stream().map(InboundMessage::id).toList());
        }
        outcome.problems().forEach(p -> LOG.log(Level.WARNING, p));
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.INGEST_QUEUE + ": " + outcome.messages() + " messages, "
                + outcome.records() + " records, " + outcome.applied() + " applied, " + outcome.duplicates()
                + " duplicates, " + outcome.ignored() + " ignored, " + outcome.failedMessageIds().size() + " failed");
        return SqsBatches.failures(outcome.failedMessageIds());
    }
}
