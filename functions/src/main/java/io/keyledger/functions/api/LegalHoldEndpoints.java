package io.keyledger.functions.api;

import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Legal holds on a tenant or on one key of it, placed and lifted through {@link RetentionService}, which
 * ledgers both with the caller as the actor.
 */
final class LegalHoldEndpoints {

    static final Set<String> PLACE_FIELDS = Set.of("scope", "keyId", "reason");
    static final Set<String> LIFT_PARAMETERS = Set.of("scope", "keyId");

    private final InventoryStore store;
    private final RetentionService retention;
    private final KeyEndpoints keys;

    LegalHoldEndpoints(InventoryStore store, RetentionService retention, KeyEndpoints keys) {
        this.store = store;
        this.retention = retention;
        this.keys = keys;
    }

    /** The holds standing: the tenant-wide one first, then by key id. Holds are few, so there is one page. */
    HttpResponse list(ApiCall call) {
        List<Map<String, Object>> holds = store.legalHolds(call.tenant()).stream()
                .sorted(Comparator.comparing((LegalHold h) -> h.keyId().orElse("")))
                .map(JsonViews::legalHold).toList();
        return ApiResponses.json(200, ApiResponses.page(holds, Optional.empty()));
    }

    /**
     * Places a hold (201), replacing one on the same scope, on any key id, listed in the inventory or not
     * (the answer's {@code keyListed} says which). The same hold placed again by the same caller (a retry)
     * changes nothing and answers 200.
     */
    HttpResponse place(ApiCall call) {
        Checks checks = new Checks();
        RequestBody body = RequestBody.read(call, PLACE_FIELDS, checks);
        Optional<String> scope = body.requiredText("scope", 16);
        Optional<String> keyId = body.text("keyId", Params.MAX_KEY_ID_LENGTH);
        Optional<String> reason = body.requiredText("reason", KeyEndpoints.MAX_REASON);
        Optional<Optional<String>> target = scope.flatMap(s -> target(s, keyId, checks, "body"));
        checks.done();
        String tenant = call.tenant();
        // Any key id is held, listed or not: a key destroyed long ago, or one whose events are yet to arrive.
        Optional<String> key = target.orElseThrow();
        Optional<LegalHold> standing = store.legalHolds(tenant).stream().filter(h -> h.keyId().equals(key)).findFirst();
        if (standing.isPresent() && standing.get().reason().equals(reason.orElseThrow())
                && standing.get().placedBy().equals(call.principal().id())) {
            return ApiResponses.json(200, placed(standing.get(), tenant, key));
        }
        LegalHold hold = retention.placeHold(tenant, key, reason.get(), call.principal().id());
        return ApiResponses.json(201, placed(hold, tenant, key));
    }

    private Map<String, Object> placed(LegalHold hold, String tenant, Optional<String> key) {
        Map<String, Object> view = new java.util.LinkedHashMap<>(JsonViews.legalHold(hold));
        view.put("keyListed", key.map(k -> keys.known(tenant, k)).orElse(true));
        return view;
    }

    /** Lifts the hold on a scope, named by the query parameters {@code scope} and {@code keyId}. */
    HttpResponse lift(ApiCall call) {
        Checks checks = new Checks();
        Optional<String> scope = call.query("scope");
        if (scope.isEmpty()) {
            checks.add(FieldError.query("scope", "is required: 'tenant' or 'key' (with keyId)"));
        }
        Optional<Optional<String>> target = scope.flatMap(s -> target(s, call.query("keyId"), checks, "query"));
        checks.done();
        Optional<String> key = target.orElseThrow();
        if (!retention.liftHold(call.tenant(), key, call.principal().id())) {
            throw ApiProblem.notFound("no legal hold on " + key.map(k -> "key '" + k + "'").orElse("the tenant")
                    + " in tenant '" + call.tenant() + "'");
        }
        return ApiResponses.noContent();
    }

    /** The hold's scope: empty for the tenant, else the key id; errors name {@code scope} or {@code keyId}. */
    private static Optional<Optional<String>> target(String scope, Optional<String> keyId, Checks checks, String in) {
        switch (scope) {
            case "tenant" -> {
                if (keyId.isPresent()) {
                    checks.add(new FieldError(in, "keyId", "must not be given with scope 'tenant'"));
                    return Optional.empty();
                }
                return Optional.of(Optional.empty());
            }
            case "key" -> {
                if (keyId.isEmpty()) {
                    checks.add(new FieldError(in, "keyId", "is required with scope 'key'"));
                    return Optional.empty();
                }
                try {
                    return Optional.of(Optional.of(Params.keyId(keyId.get())));
                } catch (IllegalArgumentException e) {
                    checks.add(new FieldError(in, "keyId", e.getMessage()));
                    return Optional.empty();
                }
            }
            default -> {
                checks.add(new FieldError(in, "scope", "must be 'tenant' or 'key'"));
                return Optional.empty();
            }
        }
    }
}
