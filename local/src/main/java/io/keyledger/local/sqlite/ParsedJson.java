package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.LastSeen;
import java.util.Arrays;
import tools.jackson.core.JacksonException;

/**
 * Key records (or their usage rollups) read back from their stored JSON, each kept with the exact bytes it was
 * read from, so that reading the same keys again (a client asking for the same page, a use flush that reads a
 * rollup and then merges into it) does not parse them again:
 * a value whose text is unchanged is the same value, whoever wrote it and however its revision moved. Parsing
 * is most of the cost of a page otherwise. Holds at most {@code capacity} values; one more pushes out another.
 */
final class ParsedJson<T> {

    /** Two pages of the largest size: what a server's clients list again and again, and a few MB at most. */
    static final int CAPACITY = 2048;

    private record Id(String tenant, String keyId) {
    }

    private record Parsed<T>(byte[] json, T value) {
    }

    private final Class<T> type;
    private final LastSeen<Id, Parsed<T>> byKey;

    ParsedJson(Class<T> type, int capacity) {
        this.type = type;
        this.byKey = new LastSeen<>(capacity);
    }

    /** The value that {@code json}, the stored UTF-8 text of key {@code keyId} of {@code tenant}, holds. */
    T read(String tenant, String keyId, byte[] json) {
        Id id = new Id(tenant, keyId);
        Parsed<T> known = byKey.get(id);
        if (known != null && Arrays.equals(known.json(), json)) {
            return known.value();
        }
        T value;
        try {
            value = Json.mapper().readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
        byKey.put(id, new Parsed<>(json, value));
        return value;
    }

    int size() {
        return byKey.size();
    }
}
