package io.keyledger.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.ingest.IngestOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * KeyLedger's Azure Functions: each method is one function of the app (its {@code @FunctionName}, its
 * bindings in the annotations, from which the build writes its function.json), and does one thing: turn
 * the trigger's input into the provider-neutral input of the function bean of the same name, which it
 * takes from Spring Cloud Function's catalog, and the bean's answer into the trigger's output. The Functions
 * worker gets the one instance of this class from {@link KeyLedgerFunctionInjector}; the beans are looked up
 * once, when it is built.
 */
public final class KeyLedgerFunctions {

    private static final String EVENT_HUB_NAME = "%" + FunctionAppSettings.EVENT_HUB_NAME + "%";
    private static final String EVENT_HUB_CONSUMER_GROUP = "%" + FunctionAppSettings.EVENT_HUB_CONSUMER_GROUP + "%";
    private static final String SWEEP_QUEUE = "%" + FunctionAppSettings.SWEEP_QUEUE + "%";
    private static final String SWEEP_SCHEDULE = "%" + FunctionAppSettings.SWEEP_SCHEDULE + "%";
    private static final String PURGE_SCHEDULE = "%" + FunctionAppSettings.PURGE_SCHEDULE + "%";
    /** One blob per invocation that rejected records, in the container Event Grid dead-letters into too. */
    static final String REJECTED_BLOB = AzureFunctionNames.REJECTED_CONTAINER + "/eventhub/{DateTime}-{rand-guid}.json";

    private final Map<String, Object> functions = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    /** Looks every function up, once: one that cannot be built fails when it is called, with why. */
    public KeyLedgerFunctions(FunctionCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        for (String name : AzureFunctionNames.ALL) {
            try {
                Object function = catalog.lookup(Function.class, name);
                if (function == null) {
                    unavailable.put(name, "no function bean named " + name);
                } else if (function instanceof FunctionInvocationWrapper w
                        && w.getTarget() instanceof UnavailableFunction stand) {
                    unavailable.put(name, stand.reason());
                } else {
                    functions.put(name, function);
                }
            } catch (RuntimeException e) {
                unavailable.put(name, rootMessage(e));
                Logger.getLogger(KeyLedgerFunctions.class.getName()).log(Level.WARNING, name + " is not available on "
                        + "this instance: " + rootMessage(e));
            }
        }
    }

    /** The functions that could not be built on this instance, and why. */
    public Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    @FunctionName(AzureFunctionNames.INGEST_MONITOR_LOGS)
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:05", maximumInterval = "00:15:00")
    public void ingestMonitorLogs(
            @EventHubTrigger(name = "events", eventHubName = EVENT_HUB_NAME, consumerGroup = EVENT_HUB_CONSUMER_GROUP,
                    connection = FunctionAppSettings.EVENT_HUB_CONNECTION, cardinality = Cardinality.MANY,
                    dataType = "string") String[] events,
            @BindingName("SystemPropertiesArray") EventHubSystemProperties[] properties,
            @BindingName("PartitionContext") EventHubPartitionContext partition,
            @BlobOutput(name = "rejected", path = REJECTED_BLOB, connection = FunctionAppSettings.HOST_STORAGE_CONNECTION,
                    dataType = "string") OutputBinding<String> rejected,
            ExecutionContext context) {
        HubBatch batch = batch(events, properties, partition);
        MonitorLogOutcome outcome = this.<HubBatch, MonitorLogOutcome>function(AzureFunctionNames.INGEST_MONITOR_LOGS)
                .apply(batch);
        Logger log = context.getLogger();
        outcome.ingest().problems().forEach(p -> log.warning(p));
        if (!outcome.rejected().isEmpty()) {
            rejected.setValue(rejectedDocument(context, outcome.rejected()));
        }
        IngestOutcome tally = outcome.ingest();
        log.info(() -> AzureFunctionNames.INGEST_MONITOR_LOGS + ": " + tally.messages() + " events, " + tally.records()
                + " records, " + tally.applied() + " applied, " + tally.duplicates() + " duplicates, " + tally.ignored()
                + " ignored, " + outcome.rejected().size() + " events with rejected records");
    }

    @FunctionName(AzureFunctionNames.INGEST_EVENT_GRID)
    public void ingestEventGrid(@EventGridTrigger(name = "event", dataType = "string") String event,
                                ExecutionContext context) {
        IngestOutcome outcome = this.<EventGridDelivery, IngestOutcome>function(AzureFunctionNames.INGEST_EVENT_GRID)
                .apply(new EventGridDelivery(context.getInvocationId(), bytes(event)));
        context.getLogger().info(() -> AzureFunctionNames.INGEST_EVENT_GRID + ": " + outcome.records() + " records, "
                + outcome.applied() + " applied, " + outcome.duplicates() + " duplicates, " + outcome.ignored()
                + " ignored");
    }

    @FunctionName(AzureFunctionNames.EVENT_GRID_WEBHOOK)
    public HttpResponseMessage eventGridWebhook(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST, HttpMethod.OPTIONS},
                    authLevel = AuthorizationLevel.FUNCTION, route = AzureFunctionNames.WEBHOOK_ROUTE)
            HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http(AzureFunctionNames.EVENT_GRID_WEBHOOK, request, "/" + AzureFunctionNames.ROUTE_PREFIX + "/"
                + AzureFunctionNames.WEBHOOK_ROUTE, context);
    }

    @FunctionName(AzureFunctionNames.SWEEP_SCHEDULE)
    @FixedDelayRetry(maxRetryCount = 3, delayInterval = "00:05:00")
    public void sweepSchedule(@TimerTrigger(name = "timer", schedule = SWEEP_SCHEDULE) String timer,
                              ExecutionContext context) {
        FanOutSummary summary = this.<String, FanOutSummary>function(AzureFunctionNames.SWEEP_SCHEDULE)
                .apply(timer == null ? "" : timer);
        Logger log = context.getLogger();
        summary.unreachableSubscriptions().forEach((subscription, why) -> log.warning("sweep " + summary.sweepId()
                + ": subscription " + subscription + " is not swept: " + why));
        summary.failed().forEach(f -> log.warning("sweep " + summary.sweepId() + ": not queued: " + f));
        log.info(() -> AzureFunctionNames.SWEEP_SCHEDULE + ": " + summary);
    }

    @FunctionName(AzureFunctionNames.SWEEP_VAULT)
    public void sweepVault(
            @QueueTrigger(name = "message", queueName = SWEEP_QUEUE,
                    connection = FunctionAppSettings.QUEUES_CONNECTION) String message,
            @BindingName("Id") String id,
            @BindingName("DequeueCount") long dequeueCount,
            ExecutionContext context) {
        QueuedSweep queued = new QueuedSweep(id == null ? context.getInvocationId() : id, message == null ? "" : message,
                dequeueCount);
        Logger log = context.getLogger();
        VaultSweepResult result;
        try {
            result = this.<QueuedSweep, VaultSweepResult>function(AzureFunctionNames.SWEEP_VAULT).apply(queued);
        } catch (RuntimeException e) {
            log.log(queued.lastAttempt() ? Level.SEVERE : Level.WARNING, "sweep message " + queued.messageId()
                    + " failed on try " + dequeueCount + " of " + QueuedSweep.MAX_DEQUEUE_COUNT
                    + (queued.lastAttempt() ? ", and goes to the poison queue: " : ", and will be tried again: ")
                    + rootMessage(e));
            throw e;
        }
        var report = result.report();
        log.info(() -> AzureFunctionNames.SWEEP_VAULT + ": sweep " + report.sweepId() + " of " + report.scope().id()
                + " into tenant " + report.tenant() + ": " + report.keys().size() + " keys, " + report.corrections()
                + " corrections" + report.partialReason().map(r -> ", partial: " + r).orElse("")
                + result.followUp().map(f -> ", resumed by a follow-up (" + f.resumes() + ")").orElse(""));
        if (report.partial() && result.followUp().isEmpty()
                && result.request().resumes() >= VaultSweepRequest.MAX_RESUMES) {
            log.warning("sweep " + report.sweepId() + " of " + report.scope().id() + " was resumed "
                    + VaultSweepRequest.MAX_RESUMES + " times and is left partial; the next scheduled sweep starts over");
        } else if (report.partial() && result.followUp().isEmpty() && result.request().cursor().isPresent()) {
            log.warning("sweep " + report.sweepId() + " of " + report.scope().id() + " failed where it resumed, "
                    + "without being throttled, and is left partial; the next scheduled sweep starts over");
        }
    }

    @FunctionName(AzureFunctionNames.PURGE_EXPIRED)
    @FixedDelayRetry(maxRetryCount = 3, delayInterval = "00:05:00")
    public void purgeExpired(@TimerTrigger(name = "timer", schedule = PURGE_SCHEDULE) String timer,
                             ExecutionContext context) {
        Logger log = context.getLogger();
        PurgeSummary summary;
        try {
            summary = this.<String, PurgeSummary>function(AzureFunctionNames.PURGE_EXPIRED).apply(timer == null ? "" : timer);
        } catch (PurgeFailedException e) {
            e.summary().lines().forEach((tenant, line) -> log.info("tenant " + tenant + ": " + line));
            e.summary().failed().forEach((tenant, why) -> log.severe("tenant " + tenant + ": the purge failed: " + why));
            throw e;
        }
        summary.lines().forEach((tenant, line) -> log.info("tenant " + tenant + ": " + line));
        log.info(() -> AzureFunctionNames.PURGE_EXPIRED + ": " + summary);
    }

    @FunctionName(AzureFunctionNames.ADMIN_API)
    public HttpResponseMessage adminApi(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                    HttpMethod.DELETE}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = AzureFunctionNames.ADMIN_API_ROUTE) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http(AzureFunctionNames.ADMIN_API, request, AzureFunctionNames.ADMIN_API_BASE, context);
    }

    private HttpResponseMessage http(String name, HttpRequestMessage<Optional<String>> request, String base,
                                     ExecutionContext context) {
        if (unavailable.containsKey(name)) {
            context.getLogger().severe(name + " is not available on this instance: " + unavailable.get(name));
            return HttpMessages.response(request, Problems.of(503, "Not available", name
                    + " is not configured on this instance"), base);
        }
        HttpResponse response = this.<HttpRequest, HttpResponse>function(name).apply(HttpMessages.request(request, base));
        return HttpMessages.response(request, response, base);
    }

    @SuppressWarnings("unchecked")
    private <I, O> Function<I, O> function(String name) {
        Object function = functions.get(name);
        if (function == null) {
            throw new IllegalStateException(name + " is not available on this instance: " + unavailable.get(name));
        }
        return (Function<I, O>) function;
    }

    /** The batch with what the trigger told of each event's place in the hub. */
    static HubBatch batch(String[] events, EventHubSystemProperties[] properties, EventHubPartitionContext partition) {
        List<HubEvent> out = new ArrayList<>();
        Optional<String> partitionId = Optional.ofNullable(partition).map(p -> p.PartitionId)
                .filter(p -> !p.isBlank());
        for (int i = 0; events != null && i < events.length; i++) {
            EventHubSystemProperties p = properties != null && i < properties.length ? properties[i] : null;
            Optional<Long> sequence = Optional.ofNullable(p).map(x -> x.SequenceNumber).flatMap(KeyLedgerFunctions::number);
            out.add(new HubEvent(partitionId, sequence, Optional.ofNullable(p).map(x -> x.Offset),
                    Optional.ofNullable(p).map(x -> x.EnqueuedTimeUtc), events[i] == null ? "" : events[i]));
        }
        return new HubBatch(out);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The rejected-records blob: the events whole, with where they were in the hub and what was wrong. */
    static String rejectedDocument(ExecutionContext context, List<RejectedEvent> rejected) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (RejectedEvent r : rejected) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            r.event().partition().ifPresent(p -> e.put("partition", p));
            r.event().sequenceNumber().ifPresent(s -> e.put("sequenceNumber", s));
            r.event().offset().ifPresent(o -> e.put("offset", o));
            r.event().enqueuedTime().ifPresent(t -> e.put("enqueuedTimeUtc", t));
            e.put("problems", r.problems());
            e.put("body", r.event().body());
            events.add(e);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("function", AzureFunctionNames.INGEST_MONITOR_LOGS);
        document.put("invocationId", context.getInvocationId());
        document.put("rejected", events);
        return Json.write(document);
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
