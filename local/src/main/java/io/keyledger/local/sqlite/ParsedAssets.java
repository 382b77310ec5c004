package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;

/**
 * Key records read back from their stored JSON, each kept with the exact bytes it was read from, so that
 * listing the same keys again (a client asking for the same page) does not parse them again: a record whose
 * text is unchanged is the same record, whoever wrote it and however its revision moved. Parsing is most of
 * the cost of a page otherwise. Holds at most {@code capacity} records; one more pushes out another.
 */
final class ParsedAssets {

    /** Two pages of the largest size: what a server's clients list again and again, and a few MB at most. */
    static final int CAPACITY = 2048;

    private record Id(String tenant, String keyId) {
    }

    private record Parsed(byte[] json, CryptoAsset asset) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Id, Parsed> byKey = new ConcurrentHashMap<>();

    ParsedAssets(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected 1 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The record that {@code json}, the stored UTF-8 text of key {@code keyId} of {@code tenant}, holds. */
    CryptoAsset read(String tenant, String keyId, byte[] json) {
        Id id = new Id(tenant, keyId);
        Parsed known = byKey.get(id);
        if (known != null && Arrays.equals(known.json(), json)) {
            return known.asset();
        }
        CryptoAsset asset;
        try {
            asset = Json.mapper().readValue(json, CryptoAsset.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored CryptoAsset is not readable: " + e.getOriginalMessage(), e);
        }
        while (byKey.size() >= capacity && !byKey.containsKey(id)) {
            Iterator<Id> any = byKey.keySet().iterator();
            if (!any.hasNext()) {
                break;
            }
            byKey.remove(any.next());
        }
        byKey.put(id, new Parsed(json, asset));
        return asset;
    }

    int size() {
        return byKey.size();
    }
}
