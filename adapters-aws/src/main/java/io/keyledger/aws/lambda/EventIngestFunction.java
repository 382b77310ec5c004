package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.messaging.Message;

/**
 * Ingests the one event (or notification) of an asynchronous invocation: an EventBridge rule's target
 * ({@code ingestEvents}: CloudTrail KMS API calls and KMS's own events) or an S3 event notification
 * ({@code ingestS3Logs}: the CloudTrail log files it names are read from S3). The payload goes to the
 * decoders as it came. If anything in it was not ingested the invocation fails, so that the caller
 * retries it and finally parks it in the dead-letter queue; ingest is idempotent, so a retry repeats
 * nothing that was applied.
 */
final class EventIngestFunction implements Function<Message<byte[]>, IngestOutcome> {

    private static final Logger LOG = System.getLogger(EventIngestFunction.class.getName());

    private final String name;
    private final MessageIngester ingester;

    EventIngestFunction(String name, MessageIngester ingester) {
        this.name = name;
        this.ingester = Objects.requireNonNull(ingester, "ingester");
    }

    @Override
    public IngestOutcome apply(Message<byte[]> event) {
        return ingest(requestId(event), event.getPayload());
    }

    /** Ingests the payload of the invocation {@code requestId}; as {@link #apply}, without a Spring message. */
    IngestOutcome ingest(String requestId, byte[] payload) {
        InboundMessage message = new InboundMessage(requestId, payload);
        IngestOutcome outcome = ingester.ingest(List.of(message), false);
        if (!outcome.allSucceeded()) {
            throw new IngestFailedException(name, outcome);
        }
        LOG.log(Level.INFO, () -> name + ": " + outcome.records() + " records, " + outcome.applied() + " applied, "
                + outcome.duplicates() + " duplicates, " + outcome.ignored() + " ignored");
        return outcome;
    }

    /** The invocation's request id names the event in problems and logs. */
    private static String requestId(Message<byte[]> event) {
        Object context = event.getHeaders().get(AWSLambdaUtils.AWS_CONTEXT);
        if (context instanceof Context c && c.getAwsRequestId() != null) {
            return c.getAwsRequestId();
        }
        return "event";
    }
}
