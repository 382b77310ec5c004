package io.keyledger.azure.functions;

import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@value AzureFunctionNames#INGEST_MONITOR_LOGS}: a batch of Event Hub events streamed by diagnostic settings,
 * each a {@code {"records": [...]}} document of Key Vault / Managed HSM AuditEvent records or Activity Log
 * records, ingested one event at a time.
 *
 * <p>The Event Hub trigger moves the partition's checkpoint past the batch once the function has run, so:
 * <ul>
 *   <li>a bad record (malformed, or rejected by the inventory) fails alone: the event's other records are
 *       applied, and the event is returned as rejected, to be reported and kept; the batch goes on;</li>
 *   <li>a store failure fails the invocation at once ({@link StoreUnavailableException}), so that the
 *       function's retry policy runs the same batch again and the checkpoint never passes an event that
 *       was not applied. What was applied before it is applied again as duplicates, which change nothing.</li>
 * </ul>
 */
final class MonitorLogIngest implements Function<HubBatch, MonitorLogOutcome> {

    private final MessageIngester ingester;
    private final StoreFailures failures;

    MonitorLogIngest(MessageIngester ingester, StoreFailures failures) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public MonitorLogOutcome apply(HubBatch batch) {
        int records = 0;
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        List<String> failed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<RejectedEvent> rejected = new ArrayList<>();
        List<HubEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            HubEvent event = events.get(i);
            String id = event.id(i);
            failures.clear();
            IngestOutcome outcome = ingester.ingest(
                    List.of(new InboundMessage(id, event.body().getBytes(StandardCharsets.UTF_8))), false);
            Optional<RuntimeException> storeFailure = failures.take();
            if (storeFailure.isPresent()) {
                throw new StoreUnavailableException(AzureFunctionNames.INGEST_MONITOR_LOGS + ": the inventory store "
                        + "failed on " + id + " (" + storeFailure.get().getClass().getSimpleName() + "): the batch of "
                        + events.size() + " events is not acknowledged and will be delivered again",
                        storeFailure.get());
            }
            records += outcome.records();
            applied += outcome.applied();
            duplicates += outcome.duplicates();
            ignored += outcome.ignored();
            problems.addAll(outcome.problems());
            if (!outcome.allSucceeded()) {
                failed.add(id);
                rejected.add(new RejectedEvent(id, event, outcome.problems()));
            }
        }
        return new MonitorLogOutcome(new IngestOutcome(events.size(), records, applied, duplicates, ignored, failed,
                problems), rejected);
    }
}
