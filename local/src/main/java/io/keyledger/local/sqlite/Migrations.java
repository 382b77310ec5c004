package io.keyledger.local.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The schema, as numbered migrations applied in order, each in its own transaction, and recorded in
 * {@code schema_version}. A released migration is never edited: a change is a new migration.
 *
 * <p>Conventions: every table is keyed by tenant first. Instants compared in SQL (expiries, event
 * times) are {@link InstantKey} text; other instants are ISO-8601 ({@code Instant.toString()}). JSON
 * columns hold {@code io.keyledger.core.json.Json} text; the other columns of a JSON table are
 * copies of its fields, for filtering, or the parts of a record that change after it is written
 * (expiries, revisions).
 */
final class Migrations {

    /** One step of the schema; its script is plain statements separated by semicolons at line ends. */
    record Migration(int version, String description, String script) {

        List<String> statements() {
            return Arrays.stream(script.split(";\\s*\\n"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }

    private static final String V1_INITIAL = """
            CREATE TABLE assets (
                tenant         TEXT    NOT NULL,
                key_id         TEXT    NOT NULL,
                revision       INTEGER NOT NULL,
                provider       TEXT    NOT NULL,
                state          TEXT    NOT NULL,
                owner          TEXT,
                retained_until TEXT,
                json           TEXT    NOT NULL,
                PRIMARY KEY (tenant, key_id)
            );
            CREATE INDEX assets_by_state ON assets (tenant, state, key_id);
            CREATE INDEX assets_by_provider ON assets (tenant, provider, key_id);
            CREATE INDEX assets_by_owner ON assets (tenant, owner, key_id);

            CREATE TABLE events (
                tenant      TEXT NOT NULL,
                dedup_key   TEXT NOT NULL,
                key_id      TEXT NOT NULL,
                event_time  TEXT NOT NULL,
                event_id    TEXT NOT NULL,
                received_at TEXT NOT NULL,
                expires_at  TEXT,
                json        TEXT NOT NULL,
                PRIMARY KEY (tenant, dedup_key)
            );
            CREATE INDEX events_by_key ON events (tenant, key_id, event_time, event_id);

            CREATE TABLE ledger (
                tenant        TEXT    NOT NULL,
                sequence      INTEGER NOT NULL,
                recorded_at   TEXT    NOT NULL,
                type          TEXT    NOT NULL,
                key_id        TEXT,
                payload       TEXT    NOT NULL,
                previous_hash TEXT    NOT NULL,
                hash          TEXT    NOT NULL,
                expires_at    TEXT,
                PRIMARY KEY (tenant, sequence)
            );
            CREATE INDEX ledger_by_key ON ledger (tenant, key_id, sequence);

            CREATE TABLE ledger_head (
                tenant   TEXT    NOT NULL PRIMARY KEY,
                sequence INTEGER NOT NULL,
                hash     TEXT    NOT NULL
            );

            CREATE TABLE retention_policy (
                tenant TEXT NOT NULL PRIMARY KEY,
                json   TEXT NOT NULL
            );

            CREATE TABLE legal_holds (
                tenant TEXT NOT NULL,
                key_id TEXT NOT NULL,
                json   TEXT NOT NULL,
                PRIMARY KEY (tenant, key_id)
            );
            """;

    /** Usage is aggregated per key instead of stored per call. */
    private static final String V2_USAGE_ROLLUPS = """
            CREATE TABLE usage_rollups (
                tenant TEXT NOT NULL,
                key_id TEXT NOT NULL,
                json   TEXT NOT NULL,
                PRIMARY KEY (tenant, key_id)
            );
            """;

    /** Sweep reports, listed newest first through a sort key. */
    private static final String V3_SWEEP_REPORTS = """
            CREATE TABLE sweep_reports (
                tenant   TEXT NOT NULL,
                sort_key TEXT NOT NULL,
                json     TEXT NOT NULL,
                PRIMARY KEY (tenant, sort_key)
            );
            """;

    /**
     * Alerts, one row per (tenant, dedup key) so that a condition alerts once, listed newest first
     * through a sort key; and an index of events by time across keys, for the windowed anomaly rules.
     */
    private static final String V4_ALERTS = """
            CREATE TABLE alerts (
                tenant    TEXT NOT NULL,
                dedup_key TEXT NOT NULL,
                id        TEXT NOT NULL,
                status    TEXT NOT NULL,
                sort_key  TEXT NOT NULL,
                json      TEXT NOT NULL,
                PRIMARY KEY (tenant, dedup_key)
            );
            CREATE UNIQUE INDEX alerts_by_id ON alerts (tenant, id);
            CREATE INDEX alerts_by_sort_key ON alerts (tenant, sort_key);
            CREATE INDEX events_by_time ON events (tenant, event_time);
            """;

    /** Key stores and HSMs, inventory items of their own beside the keys they hold. */
    private static final String V5_KEY_STORES = """
            CREATE TABLE key_stores (
                tenant   TEXT    NOT NULL,
                id       TEXT    NOT NULL,
                revision INTEGER NOT NULL,
                json     TEXT    NOT NULL,
                PRIMARY KEY (tenant, id)
            );
            """;

    /** Every migration, in version order from 1 without gaps. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "initial schema", V1_INITIAL),
            new Migration(2, "usage rollups", V2_USAGE_ROLLUPS),
            new Migration(3, "sweep reports", V3_SWEEP_REPORTS),
            new Migration(4, "alerts and events by time", V4_ALERTS),
            new Migration(5, "key stores", V5_KEY_STORES));

    private Migrations() {
    }

    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** Brings the database to the latest version, or refuses a database made by a newer KeyLedger. */
    static void apply(Database db, Clock clock) {
        db.call("create the schema version table", d -> {
            d.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     INTEGER NOT NULL PRIMARY KEY,
                        applied_at  TEXT    NOT NULL,
                        description TEXT    NOT NULL
                    )""");
            return null;
        });
        int found = db.call("read the schema version", Migrations::currentVersion);
        if (found > latestVersion()) {
            throw new StoreException("SQLite database " + db.file() + " has schema version " + found
                    + ", newer than version " + latestVersion() + " that this KeyLedger knows: use a newer KeyLedger");
        }
        for (Migration m : ALL) {
            if (m.version() > found) {
                db.inTransaction("migrate the schema to version " + m.version(), d -> {
                    // Another process may have migrated since we looked; the write lock now rules that out.
                    if (currentVersion(d) < m.version()) {
                        for (String sql : m.statements()) {
                            d.execute(sql);
                        }
                        var record = d.prepare(
                                "INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)");
                        record.setInt(1, m.version());
                        record.setString(2, clock.instant().toString());
                        record.setString(3, m.description());
                        record.executeUpdate();
                    }
                    return null;
                });
            }
        }
    }

    private static int currentVersion(Database d) throws SQLException {
        try (ResultSet rs = d.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version").executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
