package io.keyledger.functions.api;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.keystore.KeyStoreInventory;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.Versioned;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.util.List;
import java.util.function.Supplier;

/** The key stores and HSMs of the inventory, each with the keys it holds. */
final class KeyStoreEndpoints {

    private final InventoryStore store;
    private final KeyStoreInventory keyStores;

    KeyStoreEndpoints(InventoryStore store, KeyStoreInventory keyStores) {
        this.store = store;
        this.keyStores = keyStores;
    }

    HttpResponse list(ApiCall call) {
        Checks checks = new Checks();
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<KeyStoreRecord> records = Params.read(request, () -> store.keyStores(call.tenant(), request));
        return ApiResponses.json(200, ApiResponses.page(records.items().stream()
                .map(r -> JsonViews.keyStore(r, List.of())).toList(), records.nextCursor()));
    }

    /** One key store with the ids of the keys it holds. */
    HttpResponse get(ApiCall call) {
        String id;
        try {
            id = Params.keyId(call.pathParameter("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(FieldError.path("id", "must be a key store id '<aws|azure|gcp>:<account>:"
                    + "<location>:<provider's id>', URL-encoded as one path segment"));
        }
        KeyStoreRecord record = store.keyStore(call.tenant(), id).map(Versioned::value).orElseThrow(() ->
                ApiProblem.notFound("no key store '" + id + "' in tenant '" + call.tenant() + "'"));
        List<String> keys = keyStores.keysOf(call.tenant(), record.ref()).stream().map(CryptoAsset::id).toList();
        return ApiResponses.json(200, JsonViews.keyStore(record, keys));
    }
}
