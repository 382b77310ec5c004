package io.keyledger.aws.dynamodb;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.UnreadableRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading back an item of a record the ledger attests: an attribute that is missing or malformed, or one
 * that copies a field of the record (a key, an index key, the time-to-live) but says something else, is an
 * {@link UnreadableRecordException} naming the record and the attribute, never a bug.
 */
final class ItemRow {

    private final String tenant;
    private final String record;
    private final OptionalLong sequence;
    private final Map<String, AttributeValue> item;

    private ItemRow(String tenant, String record, OptionalLong sequence, Map<String, AttributeValue> item) {
        this.tenant = tenant;
        this.record = record;
        this.sequence = sequence;
        this.item = item;
    }

    static ItemRow of(String tenant, String record, Map<String, AttributeValue> item) {
        return new ItemRow(tenant, record, OptionalLong.empty(), item);
    }

    static ItemRow ledger(String tenant, long sequence, Map<String, AttributeValue> item) {
        return new ItemRow(tenant, "ledger record " + sequence, OptionalLong.of(sequence), item);
    }

    UnreadableRecordException unreadable(String attribute, String problem) {
        return new UnreadableRecordException(tenant, record, sequence, attribute, problem);
    }

    String text(String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null || v.s() == null) {
            throw unreadable(attribute, "missing");
        }
        return v.s();
    }

    Optional<String> optionalText(String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null ? Optional.empty() : Optional.ofNullable(v.s());
    }

    long number(String attribute) {
        AttributeValue v = item.get(attribute);
        try {
            return Long.parseLong(Objects.requireNonNull(v, attribute).n());
        } catch (RuntimeException e) {
            throw unreadable(attribute, "not a whole number");
        }
    }

    String body(String attribute) {
        try {
            return Attributes.body(item, attribute);
        } catch (IllegalStateException e) {
            throw unreadable(attribute, "missing or not readable");
        }
    }

    <T> T json(String attribute, Class<T> type) {
        try {
            return Objects.requireNonNull(Json.read(body(attribute), type));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unreadable(attribute, "not a readable " + type.getSimpleName());
        }
    }

    Instant instant(String attribute) {
        String text = text(attribute);
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw unreadable(attribute, "not an ISO-8601 instant: '" + shorten(text) + "'");
        }
    }

    <E extends Enum<E>> E name(String attribute, Class<E> type) {
        String text = text(attribute);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw unreadable(attribute, "not a " + type.getSimpleName() + ": '" + shorten(text) + "'");
        }
    }

    /** The exact expiry, which must agree with the time-to-live attribute written from it. */
    Optional<Instant> expiry(java.time.Duration ttlGrace) {
        Optional<Instant> expiry;
        try {
            expiry = Attributes.expiry(item);
        } catch (RuntimeException e) {
            throw unreadable(Attributes.EXPIRY, "not an expiry");
        }
        AttributeValue ttl = item.get(DynamoDbTableSchema.TTL_ATTRIBUTE);
        Optional<Long> expected = expiry.map(at -> Attributes.ttlSeconds(at.plus(ttlGrace)));
        Optional<Long> stored;
        try {
            stored = ttl == null ? Optional.empty() : Optional.of(Long.parseLong(ttl.n()));
        } catch (RuntimeException e) {
            throw unreadable(DynamoDbTableSchema.TTL_ATTRIBUTE, "not a whole number");
        }
        agrees(DynamoDbTableSchema.TTL_ATTRIBUTE, stored, expected);
        return expiry;
    }

    /** An attribute that copies a field of the record must say what the record says. */
    void agrees(String attribute, Object stored, Object fromRecord) {
        if (!Objects.equals(stored, fromRecord)) {
            throw unreadable(attribute, "says '" + shorten(String.valueOf(stored)) + "' but the stored record says '"
                    + shorten(String.valueOf(fromRecord)) + "'");
        }
    }

    /** An index key: present with these values when {@code expected}, absent otherwise. */
    void indexKey(DynamoDbTableSchema.Index index, Optional<String> partition, Optional<String> sort) {
        agrees(index.partitionKey(), optionalText(index.partitionKey()), partition);
        agrees(index.sortKey(), optionalText(index.sortKey()), sort);
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}
