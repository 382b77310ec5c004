package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reading rows back, as more than one part of the SQLite store does. */
final class Rows {

    private Rows() {
    }

    /** The one JSON column of the row a (tenant, id) query finds, read as {@code type}. */
    static <T> Optional<T> readJson(Database d, String sql, String tenant, String id, Class<T> type)
            throws SQLException {
        PreparedStatement s = d.prepare(sql);
        s.setString(1, tenant);
        s.setString(2, id);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(Json.read(rs.getString(1), type)) : Optional.empty();
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
}
