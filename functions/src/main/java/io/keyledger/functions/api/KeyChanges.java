package io.keyledger.functions.api;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Changes of a key made through the API (annotations, declared compromises): each is a {@link KeyEvent}
 * whose actor is the caller, applied by {@link InventoryService#apply} like any audit event, so that it
 * lands in the key's history and the ledger, and the anomaly rules see it.
 *
 * <p>With an {@code Idempotency-Key} header the event id is derived from the caller, tenant, key,
 * action and that key, so a retried request finds its event already stored and changes nothing; the
 * same key with a different body is refused. Without the header every request is a new event.
 */
final class KeyChanges {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final int MAX_USER_AGENT = 256;
    private static final int MAX_SOURCE_IP = 64;

    private final InventoryStore store;
    private final Clock clock;
    private final InventoryService inventory;
    private final Supplier<String> eventIds;

    KeyChanges(InventoryStore store, Clock clock, InventoryService inventory, Supplier<String> eventIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
    }

    /**
     * Applies one change of the key and answers with the event id, whether it was applied now (false for
     * a retry), and the key's record after it.
     *
     * @param operation the endpoint, for the event's source ("POST /keys/{id}/annotations")
     */
    HttpResponse apply(ApiCall call, String keyId, Action action, Map<String, String> attributes, String operation) {
        String tenant = call.tenant();
        CryptoAsset key = store.asset(tenant, keyId).map(Versioned::value)
                .orElseThrow(() -> noKey(keyId, tenant));
        Optional<String> idempotencyKey = idempotencyKey(call);
        String eventId = idempotencyKey.map(k -> derivedEventId(call, keyId, action, k)).orElseGet(eventIds);
        Optional<StoredEvent> earlier = idempotencyKey.isPresent() ? stored(tenant, keyId, eventId) : Optional.empty();
        if (earlier.isPresent()) {
            return replay(call, earlier.get(), attributes, keyId);
        }
        KeyEvent event;
        try {
            event = new KeyEvent(eventId, clock.instant(), action, key.ref(), Optional.empty(), actor(call),
                    Outcome.SUCCESS, attributes, new SourcePointer("api", requestId(call, eventId), operation));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(FieldError.body("", e.getMessage()));
        }
        // The key was found in the caller's tenant, so its event goes there, whatever the account maps to.
        BatchResult result = inventory.apply(tenant, List.of(event));
        if (!result.rejected().isEmpty()) {
            throw ApiProblem.invalid(FieldError.body("", result.rejected().get(0).reason()));
        }
        if (result.duplicates() > 0) {
            // A concurrent retry stored it first.
            return replay(call, stored(tenant, keyId, eventId).orElseThrow(), attributes, keyId);
        }
        return answer(eventId, true, tenant, keyId);
    }

    private HttpResponse replay(ApiCall call, StoredEvent earlier, Map<String, String> attributes, String keyId) {
        if (!earlier.event().attributes().equals(attributes)) {
            throw ApiProblem.idempotencyKeyReused("the Idempotency-Key was already used with a different body for "
                    + "this key; use a new key for a new change");
        }
        return answer(earlier.event().eventId(), false, call.tenant(), keyId);
    }

    private HttpResponse answer(String eventId, boolean applied, String tenant, String keyId) {
        CryptoAsset after = inventory.asset(tenant, keyId).orElseThrow(() -> noKey(keyId, tenant));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("applied", applied);
        body.put("key", JsonViews.key(after));
        return ApiResponses.json(200, body);
    }

    private Optional<StoredEvent> stored(String tenant, String keyId, String eventId) {
        return store.eventsForKey(tenant, keyId).stream()
                .filter(e -> e.event().eventId().equals(eventId)).findFirst();
    }

    static ApiProblem noKey(String keyId, String tenant) {
        return ApiProblem.notFound("no key '" + keyId + "' in tenant '" + tenant + "'");
    }

    private static Optional<String> idempotencyKey(ApiCall call) {
        Optional<String> key = call.header(IDEMPOTENCY_KEY).map(String::trim);
        if (key.isPresent() && !IDEMPOTENCY_KEY_FORMAT.matcher(key.get()).matches()) {
            throw ApiProblem.invalid(FieldError.header(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters"));
        }
        return key;
    }

    private static String derivedEventId(ApiCall call, String keyId, Action action, String idempotencyKey) {
        String scope = String.join("\n", call.tenant(), call.principal().id(), keyId, action.name(), idempotencyKey);
        return "api-" + LedgerHash.sha256Hex(scope).substring(0, 40);
    }

    /** The request's own id when the platform gives a sane one, else the event id. */
    private static String requestId(ApiCall call, String eventId) {
        return call.header("X-Request-Id").filter(Params::isSimpleId).orElse(eventId);
    }

    private static Actor actor(ApiCall call) {
        Optional<String> ip = call.request().sourceIp().map(String::trim)
                .filter(s -> !s.isEmpty() && s.length() <= MAX_SOURCE_IP);
        Optional<String> userAgent = call.header("User-Agent")
                .map(s -> s.length() > MAX_USER_AGENT ? s.substring(0, MAX_USER_AGENT) : s)
                .map(s -> s.replaceAll("\\p{Cntrl}", "?").trim())
                .filter(s -> !s.isEmpty());
        return new Actor(call.principal().id(), ActorType.USER, ip, userAgent, Optional.empty());
    }
}
