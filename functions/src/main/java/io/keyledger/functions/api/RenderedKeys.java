package io.keyledger.functions.api;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.store.LastSeen;
import io.keyledger.functions.views.JsonViews;

/**
 * Keys rendered as the API's JSON ({@link JsonViews#key}), each kept with the record it was rendered from,
 * so that a page listed again is not rendered again: rendering a key is a pure function of its record, and
 * most of the cost of a page of keys otherwise. A record equal to the kept one gets the kept text (a store
 * that hands out the same record again is answered at once, by identity). Holds at most {@code capacity}
 * keys; one more pushes out another.
 */
final class RenderedKeys {

    /** Two pages of the largest size. */
    static final int CAPACITY = 2048;

    private record Rendered(CryptoAsset key, byte[] json) {
    }

    /** A key's identity; the same record read again hands out the same parts, whose hashes are kept. */
    private record Id(String tenant, KeyRef ref) {
    }

    private final LastSeen<Id, Rendered> byKey;

    RenderedKeys(int capacity) {
        this.byKey = new LastSeen<>(capacity);
    }

    /** The key's JSON object as the API writes it; the array must not be changed. */
    byte[] json(CryptoAsset key) {
        Id id = new Id(key.tenant(), key.ref());
        Rendered known = byKey.get(id);
        if (known != null && known.key().equals(key)) {
            if (known.key() != key) {
                // the store read the record again: keep that copy, so that its next reading is known at once
                byKey.put(id, new Rendered(key, known.json()));
            }
            return known.json();
        }
        byte[] json = Json.mapper().writeValueAsBytes(JsonViews.key(key));
        byKey.put(id, new Rendered(key, json));
        return json;
    }

    int size() {
        return byKey.size();
    }
}
