package io.keyledger.local.sqlite;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.archive.ArchiveDirectory;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any single mutation of any stored row that the ledger attests is detected (issue 13): a value of any
 * column of any row of the ledger, its head, the checkpoints, the key records, the events, the legal holds,
 * the retention policy and the archive index, changed by hand, makes {@code verify} report the tenant's
 * ledger broken. A value is changed as a writer of the file would change it: a character of a text, a
 * number, a value in a JSON document (its value, not its layout: re-spelling a document without changing
 * what it says is no change of the record), an empty column filled.
 *
 * <p>Not attested, and so not in the property: usage rollups (folded into the attested key records),
 * sweep reports and alerts (operational views), the schema version. docs/LEDGER.md lists them.
 */
class SqliteMutationProperties {

    private static final List<String> ATTESTED = List.of("ledger", "ledger_head", "checkpoints", "assets", "events",
            "legal_holds", "retention_policy", "archive_segments", "archive_keys", "archived_events");
    private static final String TENANT = "acme";

    private static Path template;
    private static MutableClock clock;
    private static List<Cell> cells;

    /** One value of a stored row. */
    private record Cell(String table, long rowid, String column, Object value) {
        @Override
        public String toString() {
            return table + "[" + rowid + "]." + column + " = " + value;
        }
    }

    @BeforeContainer
    static void buildALedgerWithEveryKindOfRow() throws Exception {
        template = Files.createTempDirectory("mutation-template");
        clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (SqliteInventoryStore store = SqliteInventoryStore.open(template.resolve("keyledger.db"), clock)) {
            CoreServices services = services(store, template);
            KeyRef a = awsKey("a");
            KeyRef b = awsKey("b");
            KeyRef c = awsKey("c");
            services.retention().setPolicy(TENANT, RetentionPolicy.DEFAULT.withHotWindow(Period.ofDays(30)), "admin");
            services.inventory().apply(TENANT, List.of(
                    event("a1", clock.instant(), Action.CREATE, a, Map.of("nativeState", "Enabled", "owner", "team-a")),
                    event("b1", clock.instant(), Action.CREATE, b, Map.of("nativeState", "Enabled"))));
            clock.advance(Duration.ofDays(40));
            services.inventory().apply(TENANT, List.of(
                    event("b2", clock.instant(), Action.DISABLE, b, Map.of("nativeState", "Disabled")),
                    event("c1", clock.instant(), Action.CREATE, c, Map.of("nativeState", "Enabled"))));
            services.retention().placeHold(TENANT, Optional.of(c.id()), "matter 7", "admin");
            assertThat(services.archiver().orElseThrow().archive(TENANT).segments()).hasSize(1);
            services.inventory().apply(TENANT, List.of(event("a2", clock.instant(), Action.TAG, a, Map.of("tag.x", "y"))));
            assertThat(services.verifier().verify(TENANT).breaks()).isEmpty();
        }
        cells = readCells(template.resolve("keyledger.db"));
        for (String table : ATTESTED) {
            assertThat(cells).as("a row of " + table).anyMatch(c -> c.table().equals(table));
        }
    }

    @AfterContainer
    static void removeTemplate() throws IOException {
        deleteAll(template);
    }

    private static CoreServices services(SqliteInventoryStore store, Path dir) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection().withLedger(
                LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("key.pem")))
                        .anchoredIn(new CheckpointsFile(dir.resolve("keyledger.checkpoints.jsonl")))
                        .archivedIn(ArchiveDirectory.besideDatabase(dir.resolve("keyledger.db")))));
    }

    @Property(tries = 300)
    void anySingleMutationOfAnAttestedRowIsDetected(@ForAll @IntRange(min = 0, max = 1_000_000) int pick,
                                                    @ForAll @IntRange(min = 0, max = 1_000_000) int detail)
            throws Exception {
        Cell cell = cells.get(pick % cells.size());
        Path copy = copyOfTemplate();
        try {
            Object mutated = mutate(cell, detail);
            assertThat(mutated).as(cell.toString()).isNotEqualTo(cell.value());
            write(copy.resolve("keyledger.db"), cell, mutated);

            LedgerVerification v;
            try (SqliteInventoryStore store = SqliteInventoryStore.open(copy.resolve("keyledger.db"), clock)) {
                v = services(store, copy).verifier().verify(TENANT);
            }

            assertThat(v.intact()).as(cell + " changed to " + mutated + " went unnoticed").isFalse();
        } finally {
            deleteAll(copy);
        }
    }

    private static List<Cell> readCells(Path db) throws SQLException {
        List<Cell> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (String table : ATTESTED) {
                try (PreparedStatement s = c.prepareStatement("SELECT rowid, * FROM " + table);
                     ResultSet rs = s.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 2; i <= meta.getColumnCount(); i++) {
                            out.add(new Cell(table, rs.getLong(1), meta.getColumnName(i), rs.getObject(i)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The cell's value, changed: see the class comment. */
    static Object mutate(Cell cell, int detail) {
        Object v = cell.value();
        if (v == null) {
            return switch (cell.column()) {
                case "expires_at", "retained_until" -> "00000000000000000000000000";
                default -> "aws:mutated";
            };
        }
        if (v instanceof Number n) {
            // Far away, so that a key column moves the row rather than collides with another.
            return n.longValue() + (cell.column().endsWith("sequence") ? 1000 : 1);
        }
        String text = v.toString();
        if (text.startsWith("{") || text.startsWith("[")) {
            JsonNode tree = Json.mapper().readTree(text);
            List<JsonNode> parents = new ArrayList<>();
            List<Object> names = new ArrayList<>();
            leaves(tree, parents, names);
            int i = detail % parents.size();
            JsonNode parent = parents.get(i);
            JsonNode leaf = parent.isObject() ? parent.get((String) names.get(i)) : parent.get((Integer) names.get(i));
            JsonNode changed = changedLeaf(leaf, detail);
            if (parent instanceof ObjectNode o) {
                o.set((String) names.get(i), changed);
            } else {
                ((ArrayNode) parent).set((Integer) names.get(i), changed);
            }
            return Json.mapper().writeValueAsString(tree);
        }
        return changedText(text, detail);
    }

    private static void leaves(JsonNode node, List<JsonNode> parents, List<Object> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isContainer() && !e.getValue().isEmpty()) {
                    leaves(e.getValue(), parents, names);
                } else {
                    parents.add(node);
                    names.add(e.getKey());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isContainer() && !node.get(i).isEmpty()) {
                    leaves(node.get(i), parents, names);
                } else {
                    parents.add(node);
                    names.add(i);
                }
            }
        }
    }

    private static JsonNode changedLeaf(JsonNode leaf, int detail) {
        if (leaf.isString()) {
            return Json.mapper().getNodeFactory().stringNode(changedText(leaf.asString(), detail));
        }
        if (leaf.isNumber()) {
            return Json.mapper().getNodeFactory().numberNode(leaf.asLong() + 1);
        }
        if (leaf.isBoolean()) {
            return Json.mapper().getNodeFactory().booleanNode(!leaf.asBoolean());
        }
        if (leaf.isContainer()) {
            return Json.mapper().getNodeFactory().stringNode("mutated");
        }
        return Json.mapper().getNodeFactory().stringNode("mutated");
    }

    private static String changedText(String text, int detail) {
        if (text.isEmpty()) {
            return "x";
        }
        int at = detail % text.length();
        char c = text.charAt(at);
        char replacement = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                : Character.isLetter(c) ? (c == 'z' ? 'a' : c == 'Z' ? 'A' : (char) (c + 1)) : 'x';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private static void write(Path db, Cell cell, Object value) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("UPDATE " + cell.table() + " SET " + cell.column()
                     + " = ? WHERE rowid = ?")) {
            s.setObject(1, value);
            s.setLong(2, cell.rowid());
            try {
                assertThat(s.executeUpdate()).isEqualTo(1);
            } catch (SQLException collision) {
                // A key column changed into another row's key: a writer would have to change it to something new.
                if (!(value instanceof String text) || !String.valueOf(collision.getMessage()).contains("CONSTRAINT")) {
                    throw collision;
                }
                s.setObject(1, text + "-mutated");
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static Path copyOfTemplate() throws IOException {
        Path copy = Files.createTempDirectory("mutation");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static void deleteAll(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true, true);
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
