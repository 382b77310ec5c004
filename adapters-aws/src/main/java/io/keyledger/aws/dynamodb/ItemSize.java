package io.keyledger.aws.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's 400 KB item limit, checked before a write so that a record too large to keep is refused
 * with its name, instead of with DynamoDB's bare ValidationException.
 */
final class ItemSize {

    /** DynamoDB's limit: attribute names and values together, in bytes. */
    static final int LIMIT = 400 * 1024;

    private ItemSize() {
    }

    static void check(Map<String, AttributeValue> item, String what) {
        long size = bytes(item);
        if (size > LIMIT) {
            throw new IllegalArgumentException("cannot " + what + ": the item would be " + size
                    + " bytes, over DynamoDB's item limit of " + LIMIT + " bytes");
        }
    }

    /** The size DynamoDB counts, near enough: names and values as UTF-8, numbers as their digits. */
    static long bytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + valueBytes(e.getValue());
        }
        return size;
    }

    private static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 2;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasM()) {
            return 3 + bytes(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueBytes(x)).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        return 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
