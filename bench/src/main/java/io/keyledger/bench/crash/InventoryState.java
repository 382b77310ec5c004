package io.keyledger.bench.crash;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a database holds that a crash must not change, in a form two runs can be compared in: per tenant,
 * each key's record, each key's history (its events with the states before and after), each alert, each legal
 * hold, and the ledger as a multiset of records (type, key and content; the order of arrival is the ledger's own
 * business). Times of arrival differ from run to run by nature: every time at or after the run's start (receipt
 * and alert times, the times of changes made through the API, also where a message quotes them) is replaced by a
 * placeholder, and so are each ledger record's digests of the key's record ({@code assetSha256}, {@code recordSha256}),
 * which cover such times; so only what the events themselves say is compared. Each ledger is also verified.
 *
 * <p>Concurrent ingests deliver the same events in another order, which by design changes what depends on arrival
 * ({@link Comparison#ANY_ARRIVAL_ORDER}).
 */
public final class InventoryState {

    private static final String DURING_RUN = "<during the run>";
    private static final Pattern TIME_IN_TEXT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z");

    /** What a comparison may take as equal. */
    public enum Comparison {
        /** Runs that read the same inputs in the same order (a crash and its resumption): everything. */
        SAME_ARRIVAL_ORDER,
        /**
         * Runs that read the same inputs in any order (concurrent ingests): the keys' records and histories, what
         * the events say, which alerts were raised and the legal holds. Not compared: which copy of a duplicate
         * event was kept (its source: a CloudTrail file or an EventBridge event, whichever came first), the
         * events an alert lists (those seen when its threshold was reached), and the ledger's records of a key's
         * intermediate states (one per change, in arrival order).
         */
        ANY_ARRIVAL_ORDER
    }

    private final SortedMap<String, String> items;
    private final Map<String, Boolean> ledgersIntact;
    private final long keys;
    private final long events;
    private final long alerts;
    private final long ledgerRecords;

    private InventoryState(SortedMap<String, String> items, Map<String, Boolean> ledgersIntact, long keys, long events,
                           long alerts, long ledgerRecords) {
        this.items = items;
        this.ledgersIntact = ledgersIntact;
        this.keys = keys;
        this.events = events;
        this.alerts = alerts;
        this.ledgerRecords = ledgerRecords;
    }

    /** Reads the database (no process may be writing it), with every time at or after {@code runStart} hidden. */
    public static InventoryState read(Path db, Instant runStart) {
        return read(db, runStart, Comparison.SAME_ARRIVAL_ORDER);
    }

    /** Reads the database in the form that {@code comparison} compares. */
    public static InventoryState read(Path db, Instant runStart, Comparison comparison) {
        boolean anyOrder = comparison == Comparison.ANY_ARRIVAL_ORDER;
        SortedMap<String, String> items = new TreeMap<>();
        Map<String, Boolean> intact = new TreeMap<>();
        long keys = 0;
        long events = 0;
        long alerts = 0;
        long ledger = 0;
        try (SqliteInventoryStore store = SqliteInventoryStore.open(db, CoreServices.systemClock())) {
            InventoryService inventory = CoreServices.of(store, CoreServices.systemClock(),
                    CoreSettings.DEFAULTS.withoutAnomalyDetection()).inventory();
            LedgerVerifier verifier = new LedgerVerifier(store);
            for (String tenant : sorted(store.tenants())) {
                for (CryptoAsset asset : all(page -> store.assets(tenant, AssetQuery.ALL, page))) {
                    keys++;
                    items.put(tenant + " key " + asset.ref().id(), canonical(Json.write(asset), runStart));
                    ArrayNode history = JsonNodeFactory.instance.arrayNode();
                    inventory.history(tenant, asset.ref().id()).forEach(h -> history.add(
                            withoutSource(tree(Json.write(h), runStart), anyOrder)));
                    events += history.size();
                    items.put(tenant + " history " + asset.ref().id(), Json.write(history));
                }
                for (Alert alert : all(page -> store.alerts(tenant, Optional.empty(), page))) {
                    alerts++;
                    items.put(tenant + " alert " + alert.dedupKey(), anyOrder
                            ? alert.rule() + " " + alert.severity() + " " + alert.keyId().orElse("(tenant)")
                            : canonical(Json.write(alert), runStart));
                }
                for (LegalHold hold : store.legalHolds(tenant)) {
                    items.put(tenant + " legal hold " + hold.keyId().orElse("(tenant)"),
                            canonical(Json.write(hold), runStart));
                }
                SortedMap<String, List<String>> records = new TreeMap<>();
                for (LedgerRecord r : all(page -> store.ledger(tenant, 1, Optional.empty(), true, page))) {
                    ledger++;
                    String payload;
                    if (!anyOrder) {
                        payload = canonical(r.payload(), runStart);
                    } else if (r.type() == LedgerEntryType.ASSET_CHANGED) {
                        continue;
                    } else if (r.type() == LedgerEntryType.ALERT_RAISED) {
                        payload = Json.mapper().readTree(r.payload()).path("dedupKey").asString();
                    } else {
                        payload = Json.write(withoutSource(tree(r.payload(), runStart), true));
                    }
                    records.computeIfAbsent(tenant + " ledger " + r.type() + " " + r.keyId().orElse("(tenant)"),
                            k -> new ArrayList<>()).add(payload);
                }
                records.forEach((k, v) -> items.put(k, String.join("\n", v.stream().sorted().toList())));
                intact.put(tenant, verifier.verify(tenant).intact());
            }
        }
        return new InventoryState(items, intact, keys, events, alerts, ledger);
    }

    private static List<String> sorted(Set<String> tenants) {
        return tenants.stream().sorted().toList();
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> read) {
        List<T> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = read.apply(new PageRequest(cursor, PageRequest.MAX_LIMIT));
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return out;
    }

    private static String canonical(String json, Instant runStart) {
        return Json.write(tree(json, runStart));
    }

    private static JsonNode tree(String json, Instant runStart) {
        JsonNode node = Json.mapper().readTree(json);
        hideRunTimes(node, runStart);
        return node;
    }

    /** The event's source pointer removed, wherever an event stands in the tree, if {@code remove}. */
    private static JsonNode withoutSource(JsonNode node, boolean remove) {
        if (remove && node instanceof ObjectNode o) {
            if (o.has("eventId") && o.has("source")) {
                o.remove("source");
            }
            o.properties().forEach(e -> withoutSource(e.getValue(), true));
        } else if (remove && node instanceof ArrayNode a) {
            a.forEach(n -> withoutSource(n, true));
        }
        return node;
    }

    /**
     * Replaces every time at or after the run's start, wherever it stands (nested documents included, and inside
     * text), and every digest of a key's record.
     */
    private static void hideRunTimes(JsonNode node, Instant runStart) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : List.copyOf(o.properties())) {
                if (e.getKey().equals("assetSha256") || e.getKey().equals("recordSha256")) {
                    o.put(e.getKey(), DURING_RUN);
                } else if (e.getValue().isString()) {
                    o.put(e.getKey(), hidden(e.getValue().asString(), runStart));
                } else {
                    hideRunTimes(e.getValue(), runStart);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isString()) {
                    a.set(i, JsonNodeFactory.instance.stringNode(hidden(a.get(i).asString(), runStart)));
                } else {
                    hideRunTimes(a.get(i), runStart);
                }
            }
        }
    }

    private static String hidden(String text, Instant runStart) {
        if (text.length() < 20 || text.indexOf('T') < 0) {
            return text;
        }
        return TIME_IN_TEXT.matcher(text).replaceAll(m -> duringRun(m.group(), runStart) ? DURING_RUN
                : Matcher.quoteReplacement(m.group()));
    }

    private static boolean duringRun(String time, Instant runStart) {
        try {
            return !Instant.parse(time).isBefore(runStart);
        } catch (DateTimeParseException notATime) {
            return false;
        }
    }

    /** What differs from {@code reference}, one line each: an item missing on either side or with other content. */
    public List<String> divergencesFrom(InventoryState reference) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : reference.items.entrySet()) {
            String mine = items.get(e.getKey());
            if (mine == null) {
                out.add(e.getKey() + ": missing (the reference has it)");
            } else if (!mine.equals(e.getValue())) {
                out.add(e.getKey() + ": differs: " + firstDifference(e.getValue(), mine));
            }
        }
        for (String key : items.keySet()) {
            if (!reference.items.containsKey(key)) {
                out.add(key + ": not in the reference");
            }
        }
        ledgersIntact.forEach((tenant, ok) -> {
            if (!ok) {
                out.add(tenant + " ledger: does not verify");
            }
        });
        return out;
    }

    private static String firstDifference(String expected, String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "reference ..." + expected.substring(from, Math.min(expected.length(), i + 80)) + "... here ..."
                + actual.substring(from, Math.min(actual.length(), i + 80)) + "...";
    }

    public boolean ledgersIntact() {
        return ledgersIntact.values().stream().allMatch(Boolean::booleanValue);
    }

    public int tenants() {
        return ledgersIntact.size();
    }

    public long keys() {
        return keys;
    }

    public long events() {
        return events;
    }

    public long alerts() {
        return alerts;
    }

    public long ledgerRecords() {
        return ledgerRecords;
    }
}
