package io.keyledger.core.decode;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.RecordFormatException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** What a decoder made of one input record. */
public sealed interface DecodedRecord {

    RecordLocation at();

    /**
     * What {@code decoding} makes of one record, or the one Malformed that says why it makes nothing: a field
     * that is missing or cannot be read (a {@link RecordFormatException}, which names it), or values, each
     * readable, that make no valid key event (an {@link IllegalArgumentException}: an empty key id, an event id
     * too long), reported at {@code field} of the record that {@code what} names ("CloudTrail record").
     */
    static List<DecodedRecord> orMalformed(RecordLocation at, String field, String what,
                                           Supplier<List<DecodedRecord>> decoding) {
        try {
            return decoding.get();
        } catch (RecordFormatException e) {
            return List.of(Malformed.of(at, e));
        } catch (IllegalArgumentException e) {
            return List.of(new Malformed(at, field, what + " cannot become a key event: " + e.getMessage()));
        }
    }

    /** A key event to apply. */
    record Event(RecordLocation at, KeyEvent event) implements DecodedRecord {
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
        }
    }

    /** A record that should have been an event but is not valid; {@code field} names what is wrong. */
    record Malformed(RecordLocation at, String field, String message) implements DecodedRecord {
        public Malformed {
            Objects.requireNonNull(at, "at");
            // Both may quote the input: escaped here, once, for every place that prints them.
            field = field == null ? "" : Printable.message(field);
            message = Printable.message(Objects.requireNonNull(message, "message"));
        }

        /** A record with a field that is missing or cannot be read, as {@code problem} names it. */
        public static Malformed of(RecordLocation at, RecordFormatException problem) {
            return new Malformed(at, problem.field(), problem.reason());
        }

        /** Where, which field and what: {@code trail.json record 2 (Records[1]): field 'eventName': missing}. */
        @Override
        public String toString() {
            return at + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + message;
        }
    }

    /**
     * A well-formed record that says nothing about keys (another service's CloudTrail event, a vault
     * diagnostic of no interest): counted, not applied.
     */
    record Ignored(RecordLocation at, String reason) implements DecodedRecord {
    }

    /**
     * A key store or HSM changed (an AWS custom key store created, updated, connected, disconnected or
     * deleted). Its own inventory record takes the change; a connection or disconnection also makes every
     * key in it usable again, or unavailable, which the inventory fans out to the store's keys.
     *
     * @param details what the event tells of the store: {@code name}, {@code kind} (a
     *                {@code io.keyledger.core.keystore.KeyStoreKind} name), {@code state}, {@code backing}
     */
    record KeyStoreChange(RecordLocation at, String eventId, java.time.Instant eventTime,
                          io.keyledger.core.key.Provider provider, String account, String location,
                          String keyStoreId, Change change, io.keyledger.core.event.Actor actor,
                          String operation, java.util.Map<String, String> details) implements DecodedRecord {

        /** What happened to the store. */
        public enum Change { CREATED, UPDATED, CONNECTED, DISCONNECTED, DELETED }

        public KeyStoreChange {
            Objects.requireNonNull(change, "change");
            details = java.util.Map.copyOf(details);
        }

        /** A connection or disconnection, as the first key store changes were. */
        public KeyStoreChange(RecordLocation at, String eventId, java.time.Instant eventTime,
                              io.keyledger.core.key.Provider provider, String account, String location,
                              String keyStoreId, boolean connected, io.keyledger.core.event.Actor actor,
                              String operation) {
            this(at, eventId, eventTime, provider, account, location, keyStoreId,
                    connected ? Change.CONNECTED : Change.DISCONNECTED, actor, operation, java.util.Map.of());
        }

        public boolean connected() {
            return change == Change.CONNECTED;
        }

        /** Whether the store's keys become usable or unavailable with it. */
        public boolean reachesKeys() {
            return change == Change.CONNECTED || change == Change.DISCONNECTED;
        }
    }

    /**
     * A pointer to more input to fetch (an S3 event notification naming a CloudTrail log object).
     *
     * @param store "s3"
     */
    record ObjectReference(RecordLocation at, String store, String region, String bucket, String key, long size)
            implements DecodedRecord {
    }
}
