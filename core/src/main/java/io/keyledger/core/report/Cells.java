package io.keyledger.core.report;

import io.keyledger.core.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/** How a column value is written: as one CSV field, or as a JSON value of its natural type. */
final class Cells {

    private Cells() {
    }

    /**
     * CSV text: empty for absent values, ISO-8601 for instants and durations, collections joined with
     * {@code ;} (aliases, service names and categories never hold one), maps as a JSON object, so that
     * free-text tags stay exact.
     */
    static String csv(Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return "";
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                if (!sb.isEmpty()) {
                    sb.append(';');
                }
                sb.append(csv(o));
            }
            return sb.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty() ? "" : Json.write(m);
        }
        if (v instanceof Double d) {
            return ratio(d).toPlainString();
        }
        return v.toString();
    }

    /** Writes one value; maps and collections recursively. */
    static void json(JsonGenerator g, Object value) {
        Object v = unwrap(value);
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(ratio(d));
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeName(String.valueOf(e.getKey()));
                json(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                json(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    static void property(JsonGenerator g, String name, Object value) {
        g.writeName(name);
        json(g, value);
    }

    private static Object unwrap(Object value) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v instanceof Instant || v instanceof Duration || v instanceof Enum<?>) {
            return v.toString();
        }
        return v;
    }

    /** Shares and ratios to four decimal places, so that reports do not print 0.30000000000000004. */
    private static BigDecimal ratio(double d) {
        return BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
