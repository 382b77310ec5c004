package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one commit, in order, each to a different document. A commit is atomic in Firestore; the emulator
 * applies its writes one by one and stops at the first whose precondition fails, so the writes that decide come
 * first. Preconditions are only on a document's existence, the one kind the emulator checks and the Java client
 * offers for creates and updates (not for deletes).
 */
final class Writes {

    enum Kind {
        /** Writes a document that must not exist (precondition exists = false). */
        CREATE,
        /** Writes a document whole, whether or not it exists. */
        SET,
        /** Changes fields of a document that must exist (precondition exists = true). */
        UPDATE_EXISTING,
        /** Deletes a document if it exists. */
        DELETE
    }

    record Write(Kind kind, DocumentReference ref, Map<String, Object> fields) {
    }

    private final List<Write> writes = new ArrayList<>();

    static Writes of() {
        return new Writes();
    }

    Writes create(DocumentReference ref, Map<String, Object> fields) {
        return add(Kind.CREATE, ref, fields);
    }

    Writes set(DocumentReference ref, Map<String, Object> fields) {
        return add(Kind.SET, ref, fields);
    }

    Writes updateExisting(DocumentReference ref, Map<String, Object> fields) {
        return add(Kind.UPDATE_EXISTING, ref, fields);
    }

    Writes delete(DocumentReference ref) {
        return add(Kind.DELETE, ref, Map.of());
    }

    Writes addAll(Writes more) {
        writes.addAll(more.writes);
        return this;
    }

    private Writes add(Kind kind, DocumentReference ref, Map<String, Object> fields) {
        writes.add(new Write(kind, ref, Collections.unmodifiableMap(new HashMap<>(fields))));
        return this;
    }

    List<Write> list() {
        return List.copyOf(writes);
    }

    int size() {
        return writes.size();
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Adds every write to {@code batch}. */
    static void apply(List<Write> writes, WriteBatch batch) {
        for (Write w : writes) {
            switch (w.kind()) {
                case CREATE -> batch.create(w.ref(), w.fields());
                case SET -> batch.set(w.ref(), w.fields());
                case UPDATE_EXISTING -> batch.update(w.ref(), w.fields());
                case DELETE -> batch.delete(w.ref());
            }
        }
    }
}
