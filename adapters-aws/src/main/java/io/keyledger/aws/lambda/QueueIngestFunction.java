package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code ingestQueue}: an SQS batch of audit records (EventBridge events, CloudTrail records, S3
 * notifications of new log files, also wrapped in SNS). Answers with the batch item failures: a bad
 * message fails alone and is delivered again, finally to the dead-letter queue; on a FIFO queue the first
 * failure fails the rest of the batch, unapplied, so that order is kept.
 */
final class QueueIngestFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = System.getLogger(QueueIngestFunction.class.getName());

    private final MessageIngester ingester;

    QueueIngestFunction(MessageIngester ingester) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        IngestOutcome outcome = ingester.ingest(SqsBatches.messages(event), SqsBatches.isFifo(event));
        outcome.problems().forEach(p -> LOG.log(Level.WARNING, p));
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.INGEST_QUEUE + ": " + outcome.messages() + " messages, "
                + outcome.records() + " records, " + outcome.applied() + " applied, " + outcome.duplicates()
                + " duplicates, " + outcome.ignored() + " ignored, " + outcome.failedMessageIds().size() + " failed");
        return SqsBatches.failures(outcome.failedMessageIds());
    }
}
