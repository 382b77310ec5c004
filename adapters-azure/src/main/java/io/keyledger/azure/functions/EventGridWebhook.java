package io.keyledger.azure.functions;

import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@value AzureFunctionNames#EVENT_GRID_WEBHOOK}: Key Vault events delivered by an Event Grid subscription
 * whose endpoint is a webhook, in either schema, with the handshakes each schema asks for:
 * <ul>
 *   <li>Event Grid schema: the {@code Microsoft.EventGrid.SubscriptionValidationEvent} is answered with
 *       {@code {"validationResponse": <its validationCode>}};</li>
 *   <li>CloudEvents 1.0: the abuse-protection request ({@code OPTIONS} with {@code WebHook-Request-Origin}) is
 *       answered with {@code WebHook-Allowed-Origin} for the allowed origins ({@code KEYLEDGER_WEBHOOK_ORIGINS},
 *       default {@code eventgrid.azure.net}) and refused (403) for others.</li>
 * </ul>
 * Notifications (an Event Grid schema array, a CloudEvent, or a CloudEvents batch) are ingested. The status
 * tells Event Grid what to do: 200 when everything was applied; 400 when a record was not (Event Grid
 * dead-letters a 400 at once, and the good records were applied); 503 when the store failed (Event Grid
 * delivers again); 413 for a body over {@value #MAX_BODY} bytes (Event Grid's batches are at most 1 MB).
 */
final class EventGridWebhook implements Function<HttpRequest, HttpResponse> {

    static final int MAX_BODY = 1024 * 1024 + 64 * 1024;
    static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";
    static final String REQUEST_ORIGIN = "WebHook-Request-Origin";
    static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";
    static final String ALLOWED_RATE = "WebHook-Allowed-Rate";

    private final MessageIngester ingester;
    private final StoreFailures failures;
    private final Set<String> allowedOrigins;

    EventGridWebhook(MessageIngester ingester, StoreFailures failures, Set<String> allowedOrigins) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        return switch (request.method()) {
            case "OPTIONS" -> abuseProtection(request);
            case "POST" -> delivery(request);
            default -> Problems.of(405, "Method not allowed", "the webhook takes POST (events) and OPTIONS "
                    + "(the CloudEvents handshake), not " + request.method(), List.of(), Map.of("Allow", "POST, OPTIONS"));
        };
    }

    private HttpResponse abuseProtection(HttpRequest request) {
        Optional<String> origin = request.header(REQUEST_ORIGIN).map(String::strip);
        if (origin.isEmpty() || origin.get().isEmpty()) {
            return Problems.of(400, "Not a webhook handshake", "an OPTIONS request names its origin in "
                    + REQUEST_ORIGIN);
        }
        String o = origin.get().toLowerCase(Locale.ROOT);
        if (!allowedOrigins.contains(o) && !allowedOrigins.contains("*")) {
            return Problems.of(403, "Origin not allowed", "origin '" + origin.get() + "' may not deliver to this "
                    + "webhook (allowed: " + String.join(", ", allowedOrigins) + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ALLOWED_ORIGIN, origin.get());
        headers.put(ALLOWED_RATE, "*");
        return new HttpResponse(200, headers, HttpResponse.Body.EMPTY);
    }

    private HttpResponse delivery(HttpRequest request) {
        byte[] body = request.body();
        if (body.length > MAX_BODY) {
            return Problems.of(413, "Delivery too large", "the body is " + body.length + " bytes; at most " + MAX_BODY
                    + " are read");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            return Problems.of(400, "Not JSON", "the body is not JSON: " + e.getOriginalMessage());
        }
        Optional<String> code = validationCode(json);
        if (code.isPresent()) {
            return HttpResponse.of(200, "application/json", Json.write(Map.of("validationResponse", code.get())));
        }
        String id = request.header("aeg-subscription-name").map(s -> "delivery of subscription " + s)
                .orElse("webhook delivery");
        failures.clear();
        IngestOutcome outcome = ingester.ingest(List.of(new InboundMessage(id, body)), false);
        Optional<RuntimeException> storeFailure = failures.take();
        if (storeFailure.isPresent()) {
            return Problems.of(503, "Store unavailable", "the inventory store failed ("
                    + storeFailure.get().getClass().getSimpleName() + "); deliver again", List.of(),
                    Map.of("Retry-After", "30"));
        }
        if (!outcome.allSucceeded()) {
            return Problems.of(400, "Records not applied", outcome.problems().size() + " record(s) of the delivery "
                    + "were not applied; the others were", outcome.problems(), Map.of());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", outcome.records());
        summary.put("applied", outcome.applied());
        summary.put("duplicates", outcome.duplicates());
        summary.put("ignored", outcome.ignored());
        return HttpResponse.of(200, "application/json", Json.write(summary));
    }

    /** The code of a subscription validation event (Event Grid schema: an array holding that one event). */
    static Optional<String> validationCode(JsonNode json) {
        JsonNode event = json.isArray() && json.size() == 1 ? json.get(0) : json;
        if (!event.isObject() || !VALIDATION_EVENT.equals(event.path("eventType").asString(""))) {
            return Optional.empty();
        }
        JsonNode code = event.path("data").path("validationCode");
        return code.isString() && !code.asString().isBlank() ? Optional.of(code.asString()) : Optional.empty();
    }
}
