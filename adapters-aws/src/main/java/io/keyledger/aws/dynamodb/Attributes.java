package io.keyledger.aws.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute values as the store writes and reads them. */
final class Attributes {

    /** Exact expiry in epoch seconds with nine decimals: what reads and conditions compare against the clock. */
    static final String EXPIRY = "expiry";

    /** JSON bodies longer than this many bytes are kept gzip-compressed (DynamoDB bills writes per KB). */
    static final int COMPRESS_ABOVE = 2048;

    private static final String GZIP_SUFFIX = "Gz";

    private static final DateTimeFormatter TIME_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_KEYED = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_KEYED = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.builder().n(value.toPlainString()).build();
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null) {
            throw new IllegalStateException("stored item " + describe(item) + " has no text attribute '" + name + "'");
        }
        return v.s();
    }

    static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? Optional.empty() : Optional.ofNullable(v.s());
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            throw new IllegalStateException("stored item " + describe(item) + " has no number attribute '" + name + "'");
        }
        return Long.parseLong(v.n());
    }

    static String describe(Map<String, AttributeValue> item) {
        return optionalString(item, DynamoDbTableSchema.PARTITION_KEY).orElse("?") + " / "
                + optionalString(item, DynamoDbTableSchema.SORT_KEY).orElse("?");
    }

    // --- bodies: JSON text, compressed when long ---

    /** Puts {@code json} as text attribute {@code name}, or gzip-compressed as binary {@code name + "Gz"}. */
    static void putBody(Map<String, AttributeValue> item, String name, String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= COMPRESS_ABOVE) {
            item.put(name, s(json));
        } else {
            item.put(name + GZIP_SUFFIX, AttributeValue.builder().b(SdkBytes.fromByteArrayUnsafe(gzip(utf8))).build());
        }
    }

    static String body(Map<String, AttributeValue> item, String name) {
        AttributeValue plain = item.get(name);
        if (plain != null && plain.s() != null) {
            return plain.s();
        }
        AttributeValue packed = item.get(name + GZIP_SUFFIX);
        if (packed != null && packed.b() != null) {
            return new String(gunzip(packed.b().asByteArray()), StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("stored item " + describe(item) + " has no attribute '" + name + "'");
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] data) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gz.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("stored compressed body is not readable", e);
        }
    }

    // --- instants ---

    /** The exact instant as epoch seconds with nine decimals, so that DynamoDB compares it numerically. */
    static AttributeValue exact(Instant at) {
        return n(exactSeconds(at));
    }

    static BigDecimal exactSeconds(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9)).setScale(9, RoundingMode.UNNECESSARY);
    }

    static Instant fromExact(String epochSeconds) {
        BigDecimal seconds = new BigDecimal(epochSeconds);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole).movePointRight(9).intValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Whole epoch seconds at or after {@code at}: DynamoDB's time to live then never deletes early. */
    static long ttlSeconds(Instant at) {
        return at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1;
    }

    /** Writes the exact expiry and the time-to-live attribute ({@code grace} later), or neither for no expiry. */
    static void putExpiry(Map<String, AttributeValue> item, Optional<Instant> expiry, Duration grace) {
        item.remove(EXPIRY);
        item.remove(DynamoDbTableSchema.TTL_ATTRIBUTE);
        expiry.ifPresent(at -> {
            item.put(EXPIRY, exact(at));
            item.put(DynamoDbTableSchema.TTL_ATTRIBUTE, n(ttlSeconds(at.plus(grace))));
        });
    }

    static Optional<Instant> expiry(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(EXPIRY);
        return v == null || v.n() == null ? Optional.empty() : Optional.of(fromExact(v.n()));
    }

    /** Whether the item's expiry is at or before {@code now}. */
    static boolean expired(Map<String, AttributeValue> item, Instant now) {
        return expiry(item).map(at -> !at.isAfter(now)).orElse(false);
    }

    /** A fixed-width ISO-8601 text of the instant that sorts as the instant does (years 0000 to 9999). */
    static String timeKey(Instant at, String field) {
        requireKeyable(at, field);
        return TIME_KEY.format(at);
    }

    /** The UTC day of the instant, {@code yyyy-MM-dd}. */
    static String day(Instant at, String field) {
        requireKeyable(at, field);
        return DAY.format(at);
    }

    private static void requireKeyable(Instant at, String field) {
        if (at.isBefore(FIRST_KEYED) || at.isAfter(LAST_KEYED)) {
            throw new IllegalArgumentException(field + " " + at + " is outside the years 0000 to 9999");
        }
    }

    /** A sequence number as fixed-width text, so that it sorts numerically. */
    static String sequenceKey(long sequence) {
        return String.format("%020d", sequence);
    }
}
