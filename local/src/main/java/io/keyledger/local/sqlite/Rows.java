package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reading rows back, as more than one part of the SQLite store does. */
final class Rows {

    private Rows() {
    }

    /** The one JSON column of the row a (tenant, id) query finds, read as {@code type}. */
    static <T> Optional<T> readJson(Database d, String sql, String tenant, String id, Class<T> type)
            throws SQLException {
        return jsonBytes(d, sql, tenant, id).map(json -> Json.read(new String(json, StandardCharsets.UTF_8), type));
    }

    /** The one JSON column of the row a (tenant, id) query finds, as its UTF-8 bytes. */
    static Optional<byte[]> jsonBytes(Database d, String sql, String tenant, String id) throws SQLException {
        PreparedStatement s = d.prepare(sql);
        s.setString(1, tenant);
        s.setString(2, id);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        }
    }

    /** Cuts one row more than the page holds (read only to learn that there is a next page) and sets the cursor. */
    static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(cursorAfter.apply(items.get(limit - 1))));
    }

    /** A nullable {@link InstantKey} column, read back. */
    static Optional<Instant> instantKey(String key) {
        return Optional.ofNullable(key).map(InstantKey::parse);
    }

    /**
     * Which stored row a value comes from, so that one that cannot be read is named with its column
     * ({@link UnreadableRecordException}) instead of failing as a bug.
     */
    record Row(String tenant, String record, OptionalLong sequence) {

        static Row ledger(String tenant, long sequence) {
            return new Row(tenant, "ledger record " + sequence, OptionalLong.of(sequence));
        }

        static Row of(String tenant, String record) {
            return new Row(tenant, record, OptionalLong.empty());
        }

        UnreadableRecordException unreadable(String column, String problem) {
            return new UnreadableRecordException(tenant, record, sequence, column, problem);
        }

        String text(String column, String value) {
            if (value == null) {
                throw unreadable(column, "missing");
            }
            return value;
        }

        Instant instant(String column, String value) {
            try {
                return Instant.parse(text(column, value));
            } catch (java.time.format.DateTimeParseException e) {
                throw unreadable(column, "not an ISO-8601 instant: '" + shorten(value) + "'");
            }
        }

        Optional<Instant> instantKey(String column, String value) {
            try {
                return Rows.instantKey(value);
            } catch (RuntimeException e) {
                throw unreadable(column, "not a stored instant: '" + shorten(value) + "'");
            }
        }

        /** The value a JSON column holds, parsed from its UTF-8 bytes ({@code ResultSet.getBytes}). */
        <T> T json(String column, byte[] value, Class<T> type) {
            if (value == null) {
                throw unreadable(column, "missing");
            }
            try {
                return Objects.requireNonNull(Json.read(value, type));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw unreadable(column, "not a readable " + type.getSimpleName());
            }
        }

        <E extends Enum<E>> E name(String column, String value, Class<E> type) {
            try {
                return Enum.valueOf(type, text(column, value));
            } catch (IllegalArgumentException e) {
                throw unreadable(column, "not a " + type.getSimpleName() + ": '" + shorten(value) + "'");
            }
        }

        /** A column that copies a field of the row's JSON must say what the JSON says. */
        void agrees(String column, Object stored, Object fromJson) {
            if (!Objects.equals(stored, fromJson)) {
                throw unreadable(column, "says '" + shorten(String.valueOf(stored)) + "' but the stored record says '"
                        + shorten(String.valueOf(fromJson)) + "'");
            }
        }

        private static String shorten(String value) {
            return value == null ? "null" : value.length() > 60 ? value.substring(0, 60) + "..." : value;
        }
    }
}
