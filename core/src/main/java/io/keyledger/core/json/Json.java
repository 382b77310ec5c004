package io.keyledger.core.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of KeyLedger's own records (assets, events, ledger payloads), so that
 * every store and export writes the same text. Instants are ISO-8601 strings.
 */
public final class Json {

    // A field added to a stored record later reads as absent (zero, false) in the records written before it.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(InstantText.module())
            .addModule(ReflectiveCreators.module())
            .build();

    /**
     * The last record written on each thread and its text: a record is often written twice in a row (stored,
     * then hashed into the ledger). Only records: they are values, so the same instance gives the same text.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        if (value instanceof Record) {
            Object[] last = LAST.get();
            if (last[0] == value) {
                return (String) last[1];
            }
            String json = writeNow(value);
            last[0] = value;
            last[1] = json;
            return json;
        }
        return writeNow(value);
    }

    private static String writeNow(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** As {@link #read(String, Class)}, from UTF-8 bytes: a stored text parsed as read, with no string made of it. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
