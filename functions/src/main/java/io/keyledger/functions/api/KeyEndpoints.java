package io.keyledger.functions.api;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeysWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.Versioned;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The inventory: keys, their history and ledger records, and the changes people make to them. */
final class KeyEndpoints {

    static final Set<String> ANNOTATION_FIELDS = Set.of("owner", "usageServices", "aiServices", "aiCategories",
            "responsibilityParty", "responsibilityMode", "classification", "jurisdiction", "retentionClass",
            "changeReference");
    static final Set<String> COMPROMISE_FIELDS = Set.of("reason", "changeReference");

    static final int MAX_NAME = 256;
    static final int MAX_LABEL = 128;
    static final int MAX_REASON = 2048;
    static final int MAX_SERVICES = 50;

    private final InventoryStore store;
    private final InventoryService inventory;
    private final KeyChanges changes;
    private final KeysWithUsage keys;
    private final RenderedKeys rendered = new RenderedKeys(RenderedKeys.CAPACITY);

    KeyEndpoints(InventoryStore store, InventoryService inventory, KeyChanges changes) {
        this.store = store;
        this.keys = new KeysWithUsage(store);
        this.inventory = inventory;
        this.changes = changes;
    }

    HttpResponse list(ApiCall call) {
        Checks checks = new Checks();
        AssetQuery query = KeyFilters.parse(call, checks);
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<CryptoAsset> found = Params.read(request, () -> keys.keys(call.tenant(), query, request));
        return ApiResponses.jsonPage(found.items().stream().map(rendered::json).toList(),
                call.sealCursor(found.nextCursor()));
    }

    HttpResponse get(ApiCall call) {
        String keyId = Params.keyIdInPath(call);
        CryptoAsset key = keys.key(call.tenant(), keyId).orElseThrow(() -> KeyChanges.noKey(keyId, call.tenant()));
        return ApiResponses.json(200, JsonViews.key(key));
    }

    /** The whole history: it is folded from all of the key's events anyway, so a page would save nothing. */
    HttpResponse history(ApiCall call) {
        String keyId = Params.keyIdInPath(call);
        List<HistoryEntry> history = inventory.history(call.tenant(), keyId);
        Optional<CryptoAsset> key = keys.key(call.tenant(), keyId);
        if (history.isEmpty() && key.isEmpty()) {
            throw KeyChanges.noKey(keyId, call.tenant());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keyId", keyId);
        // What the key protects is what its history of uses adds up to: uses are aggregated, not listed.
        body.put("protects", key.map(k -> (Object) List.copyOf(k.usageContext().protects().names())).orElse(null));
        body.put("protectedResources", key.map(k -> (Object) k.usageContext().protects().count()).orElse(null));
        body.put("items", history.stream().map(JsonViews::history).toList());
        return ApiResponses.json(200, body);
    }

    HttpResponse ledger(ApiCall call) {
        String keyId = Params.keyIdInPath(call);
        Checks checks = new Checks();
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<LedgerRecord> records = Params.read(request,
                () -> store.ledger(call.tenant(), 1, Optional.of(keyId), false, request));
        if (records.items().isEmpty() && request.cursor().isEmpty() && !known(call.tenant(), keyId)) {
            throw KeyChanges.noKey(keyId, call.tenant());
        }
        return ApiResponses.json(200, ApiResponses.page(records.items().stream().map(JsonViews::ledger).toList(),
                call.sealCursor(records.nextCursor())));
    }

    HttpResponse annotate(ApiCall call) {
        String keyId = Params.keyIdInPath(call);
        Checks checks = new Checks();
        RequestBody body = RequestBody.read(call, ANNOTATION_FIELDS, checks);
        Map<String, String> attributes = new TreeMap<>();
        body.settableText("owner", MAX_NAME).ifPresent(v -> attributes.put(KeyAttribute.OWNER.wireName(), v));
        body.names("usageServices", MAX_SERVICES, MAX_NAME)
                .ifPresent(v -> attributes.put(KeyAttribute.USED_BY_SERVICE.wireName(), String.join(",", v)));
        body.names("aiServices", MAX_SERVICES, MAX_NAME)
                .ifPresent(v -> attributes.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), String.join(",", v)));
        body.enumValues("aiCategories", AiUsageCategory.class, AiUsageCategory.values().length)
                .ifPresent(v -> attributes.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                        String.join(",", v.stream().map(Enum::name).toList())));
        // A party set here overrides the tenant's responsibility rules for this key; null (or UNKNOWN) clears it.
        if (body.isNull("responsibilityParty")) {
            attributes.put(KeyAttribute.RESPONSIBILITY_PARTY.wireName(), "");
        } else {
            body.enumValue("responsibilityParty", ResponsibilityParty.class).ifPresent(v -> attributes.put(
                    KeyAttribute.RESPONSIBILITY_PARTY.wireName(), v == ResponsibilityParty.UNKNOWN ? "" : v.name()));
        }
        body.settableText("responsibilityMode", MAX_LABEL)
                .ifPresent(v -> attributes.put(KeyAttribute.RESPONSIBILITY_MODE.wireName(), v));
        body.settableText("classification", MAX_LABEL)
                .ifPresent(v -> attributes.put(KeyAttribute.CLASSIFICATION.wireName(), v));
        body.settableText("jurisdiction", MAX_LABEL)
                .ifPresent(v -> attributes.put(KeyAttribute.JURISDICTION.wireName(), v));
        body.settableText("retentionClass", MAX_LABEL)
                .ifPresent(v -> attributes.put(KeyAttribute.RETENTION_CLASS.wireName(), v));
        body.text("changeReference", MAX_NAME)
                .ifPresent(v -> attributes.put(KeyAttribute.CHANGE_REFERENCE.wireName(), v));
        if (checks.ok() && ANNOTATION_FIELDS.stream().noneMatch(body::has)) {
            checks.add(FieldError.body("", "sets nothing: give at least one of "
                    + String.join(", ", new TreeSet<>(ANNOTATION_FIELDS))));
        }
        checks.done();
        return changes.apply(call, keyId, Action.ANNOTATE, attributes, "POST /keys/{id}/annotations");
    }

    HttpResponse compromise(ApiCall call) {
        String keyId = Params.keyIdInPath(call);
        Checks checks = new Checks();
        RequestBody body = RequestBody.read(call, COMPROMISE_FIELDS, checks);
        Map<String, String> attributes = new TreeMap<>();
        body.requiredText("reason", MAX_REASON).ifPresent(v -> attributes.put(KeyAttribute.REASON.wireName(), v));
        body.text("changeReference", MAX_NAME)
                .ifPresent(v -> attributes.put(KeyAttribute.CHANGE_REFERENCE.wireName(), v));
        checks.done();
        return changes.apply(call, keyId, Action.DECLARE_COMPROMISE, attributes, "POST /keys/{id}/compromise");
    }

    /** Whether the tenant knows the key: its record, or events of it, still exist. */
    boolean known(String tenant, String keyId) {
        return store.asset(tenant, keyId).isPresent() || !store.eventsForKey(tenant, keyId).isEmpty();
    }
}
