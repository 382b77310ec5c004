package io.keyledger.azure.functions;

import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@value AzureFunctionNames#INGEST_EVENT_GRID}: one Key Vault event from the Event Grid system topic, in the
 * Event Grid schema or as a CloudEvent. If anything in it was not ingested the invocation fails, so that
 * Event Grid delivers it again (its retry policy) and finally dead-letters it to the subscription's
 * dead-letter container; ingest is idempotent, so a redelivery repeats nothing that was applied.
 */
final class EventGridIngest implements Function<EventGridDelivery, IngestOutcome> {

    private final MessageIngester ingester;

    EventGridIngest(MessageIngester ingester) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
    }

    @Override
    public IngestOutcome apply(EventGridDelivery delivery) {
        IngestOutcome outcome = ingester.ingest(List.of(new InboundMessage(delivery.id(), delivery.body())), false);
        if (!outcome.allSucceeded()) {
            throw new IngestFailedException(AzureFunctionNames.INGEST_EVENT_GRID, outcome);
        }
        return outcome;
    }
}
