package io.keyledger.gcp.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Firestore's 1 MiB document limit, checked before a write with Firestore's own storage size rules, so that a
 * record too large to keep is refused naming the record, instead of with Firestore's bare INVALID_ARGUMENT. The
 * stores that can outgrow it split their documents instead (sweep reports, {@link SweepReportDocs}).
 */
final class DocumentSize {

    /** Firestore's maximum document size: 1 MiB. */
    static final int LIMIT = 1_048_576;
    /** What every document adds to its name and fields. */
    private static final int DOCUMENT_OVERHEAD = 32;
    /** What every document name adds to its path's strings. */
    private static final int NAME_OVERHEAD = 16;

    private DocumentSize() {
    }

    static void check(DocumentReference ref, Map<String, Object> fields, String what) {
        long size = bytes(ref, fields);
        if (size > LIMIT) {
            throw new IllegalArgumentException("cannot " + what + ": the document would be " + size
                    + " bytes, over Firestore's document limit of " + LIMIT + " bytes");
        }
    }

    /**
     * The document's size as Firestore counts it: its name (each collection and document id of its path as a
     * string, plus 16), each field's name and value, plus 32.
     */
    static long bytes(DocumentReference ref, Map<String, Object> fields) {
        return nameBytes(ref) + fieldBytes(fields) + DOCUMENT_OVERHEAD;
    }

    static long nameBytes(DocumentReference ref) {
        long size = NAME_OVERHEAD;
        for (String segment : ref.getPath().split("/")) {
            size += string(segment);
        }
        return size;
    }

    static long fieldBytes(Map<String, ?> fields) {
        long size = 0;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            size += string(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    /** Text: its UTF-8 bytes plus one. */
    static long string(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length + 1L;
    }

    private static long value(Object v) {
        if (v == null || v instanceof Boolean) {
            return 1;
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Timestamp) {
            return 8;
        }
        if (v instanceof Blob b) {
            return b.toBytes().length;
        }
        if (v instanceof Map<?, ?> m) {
            long size = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                size += string(String.valueOf(e.getKey())) + value(e.getValue());
            }
            return size;
        }
        if (v instanceof List<?> list) {
            return list.stream().mapToLong(DocumentSize::value).sum();
        }
        throw new IllegalArgumentException("no Firestore size for a " + v.getClass().getSimpleName());
    }
}
