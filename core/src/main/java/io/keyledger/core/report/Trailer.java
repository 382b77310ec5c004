package io.keyledger.core.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The properties a JSON row report ends with, in a fixed order. */
final class Trailer {

    private Trailer() {
    }

    static Map<String, Object> of(long count, Map<String, ?> summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("summary", summary);
        return m;
    }
}
