package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Entity properties as the store writes and reads them, and the service's size limits: 64 KiB per
 * property, 1 MiB per entity (names, values and keys counted as the service documents), 255 properties.
 */
final class Entities {

    static final String TYPE = "type";
    /** The exact expiry, as fixed-width ISO-8601 text that sorts as the instant does; absent: never expires. */
    static final String EXPIRY = "expiry";
    /** Cosmos DB for Table's time to live, in seconds from the entity's last write. */
    static final String TTL = "ttl";

    /** JSON bodies longer than this many bytes are kept gzip-compressed (Tables bills storage and bandwidth). */
    static final int COMPRESS_ABOVE = 2048;
    /** The largest property value: 64 KiB (a string holds 32 Ki UTF-16 characters). */
    static final int PROPERTY_BYTES = 64 * 1024;
    /** The largest entity, keys and property names included. */
    static final int ENTITY_BYTES = 1024 * 1024;
    static final int MAX_PROPERTIES = 252; // 255 less PartitionKey, RowKey, Timestamp

    private static final String GZIP_SUFFIX = "Gz";
    private static final DateTimeFormatter TIME_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_KEYED = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_KEYED = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** Cosmos DB's largest time to live (about 68 years). */
    private static final long MAX_TTL_SECONDS = Integer.MAX_VALUE;

    private Entities() {
    }

    static TableEntity entity(String partition, String row, String type) {
        TableEntity e = new TableEntity(Keys.requireSize(partition, "partition key"), Keys.requireSize(row, "row key"));
        e.addProperty(TYPE, type);
        return e;
    }

    static String string(TableEntity e, String name) {
        Object v = e.getProperty(name);
        if (!(v instanceof String s)) {
            throw new IllegalStateException("stored entity " + describe(e) + " has no text property '" + name + "'");
        }
        return s;
    }

    static Optional<String> optionalString(TableEntity e, String name) {
        return e.getProperty(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static long number(TableEntity e, String name) {
        Object v = e.getProperty(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("stored entity " + describe(e) + " has no number property '" + name + "'");
    }

    static String describe(TableEntity e) {
        return e.getPartitionKey() + " / " + e.getRowKey();
    }

    // --- bodies: JSON text, compressed when long, in 64 KiB pieces when large ---

    /**
     * Puts {@code json} as text property {@code name}, or gzip-compressed as binary {@code nameGz},
     * {@code nameGz1}, {@code nameGz2}... of at most 64 KiB each.
     */
    static void putBody(TableEntity e, String name, String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= COMPRESS_ABOVE) {
            e.addProperty(name, json);
        } else {
            putBytes(e, name + GZIP_SUFFIX, gzip(utf8));
        }
    }

    static String body(TableEntity e, String name) {
        if (e.getProperty(name) instanceof String s) {
            return s;
        }
        if (e.getProperty(name + GZIP_SUFFIX) instanceof byte[]) {
            return new String(gunzip(bytes(e, name + GZIP_SUFFIX)), StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("stored entity " + describe(e) + " has no property '" + name + "'");
    }

    /** Binary data in properties {@code name}, {@code name1}, {@code name2}... of at most 64 KiB each. */
    static void putBytes(TableEntity e, String name, byte[] data) {
        for (int i = 0, from = 0; from < data.length || i == 0; i++, from += PROPERTY_BYTES) {
            e.addProperty(i == 0 ? name : name + i,
                    Arrays.copyOfRange(data, from, Math.min(data.length, from + PROPERTY_BYTES)));
        }
    }

    static byte[] bytes(TableEntity e, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; ; i++) {
            Object piece = e.getProperty(i == 0 ? name : name + i);
            if (!(piece instanceof byte[] b)) {
                if (i == 0) {
                    throw new IllegalStateException("stored entity " + describe(e) + " has no property '" + name + "'");
                }
                return out.toByteArray();
            }
            out.writeBytes(b);
        }
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

    // --- size ---

    /**
     * The entity's size as Azure Tables counts it: 4 bytes, the keys in UTF-16, and per property 8 bytes,
     * its name in UTF-16 and its value (text 4 + UTF-16, binary 4 + length, numbers 8, booleans 1).
     */
    static long size(TableEntity e) {
        long size = 4 + 2L * (e.getPartitionKey().length() + e.getRowKey().length());
        for (Map.Entry<String, Object> p : e.getProperties().entrySet()) {
            if (isSystem(p.getKey())) {
                continue;
            }
            size += 8 + 2L * p.getKey().length() + valueSize(p.getValue());
        }
        return size;
    }

    private static long valueSize(Object v) {
        if (v instanceof String s) {
            return 4 + 2L * s.length();
        }
        if (v instanceof byte[] b) {
            return 4 + b.length;
        }
        if (v instanceof Boolean) {
            return 1;
        }
        return 8;
    }

    /** Refuses, naming the record, an entity the service would refuse for its size. */
    static void checkSize(TableEntity e, String what) {
        int properties = 0;
        for (Map.Entry<String, Object> p : e.getProperties().entrySet()) {
            if (isSystem(p.getKey())) {
                continue;
            }
            properties++;
            long bytes = valueSize(p.getValue()) - 4;
            if (bytes > PROPERTY_BYTES) {
                throw new IllegalArgumentException("cannot " + what + ": property '" + p.getKey() + "' would be "
                        + bytes + " bytes, over Azure Tables' property limit of " + PROPERTY_BYTES + " bytes");
            }
        }
        long size = size(e);
        if (size > ENTITY_BYTES || properties > MAX_PROPERTIES) {
            throw new IllegalArgumentException("cannot " + what + ": the entity would be " + size + " bytes in "
                    + properties + " properties, over Azure Tables' entity limit of " + ENTITY_BYTES + " bytes");
        }
    }

    private static boolean isSystem(String name) {
        return name.equals("PartitionKey") || name.equals("RowKey") || name.equals("Timestamp")
                || name.startsWith("odata.");
    }

    // --- instants and expiry ---

    /** A fixed-width ISO-8601 text of the instant that sorts as the instant does (years 0000 to 9999). */
    static String timeKey(Instant at, String field) {
        requireKeyable(at, field);
        return TIME_KEY.format(at);
    }

    static String day(Instant at, String field) {
        requireKeyable(at, field);
        return DAY.format(at);
    }

    private static void requireKeyable(Instant at, String field) {
        if (at.isBefore(FIRST_KEYED) || at.isAfter(LAST_KEYED)) {
            throw new IllegalArgumentException(field + " " + at + " is outside the years 0000 to 9999");
        }
    }

    /**
     * Writes the exact expiry, and in {@link TablesRetention#COSMOS_TTL} the time to live ({@code grace}
     * after the expiry, counted from {@code now}, the write); neither for no expiry.
     */
    static void putExpiry(TableEntity e, Optional<Instant> expiry, TablesRetention retention, Instant now,
                          Duration grace) {
        e.getProperties().remove(EXPIRY);
        e.getProperties().remove(TTL);
        expiry.ifPresent(at -> {
            e.addProperty(EXPIRY, timeKey(at, "expiry"));
            if (retention == TablesRetention.COSMOS_TTL) {
                e.addProperty(TTL, ttlSeconds(now, at.plus(grace)));
            }
        });
    }

    /**
     * Whole seconds from {@code now} to {@code at}, rounded up so that Cosmos DB never deletes early; at
     * least 1 (Cosmos DB's smallest), at most its largest.
     */
    static int ttlSeconds(Instant now, Instant at) {
        Duration left = Duration.between(now, at);
        long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(MAX_TTL_SECONDS, seconds));
    }

    static Optional<Instant> expiry(TableEntity e) {
        return optionalString(e, EXPIRY).map(Instant::parse);
    }

    /** Whether the entity's expiry is at or before {@code now}. */
    static boolean expired(TableEntity e, Instant now) {
        return expiry(e).map(at -> !at.isAfter(now)).orElse(false);
    }

    /** A sequence number as fixed-width text, so that it sorts numerically. */
    static String sequenceKey(long sequence) {
        return String.format("%020d", sequence);
    }

}
