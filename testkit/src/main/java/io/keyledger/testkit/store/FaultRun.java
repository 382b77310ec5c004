package io.keyledger.testkit.store;

import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.Fixtures;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Ingests one event stream twice, into a store without faults and into one behind {@link StoreFaults},
 * redelivering every batch that failed (as a queue redelivers a message whose handler threw), then sweeps the
 * stream's scope in both (drifted, missing and untracked keys), sweeping again whenever the sweep failed (as the
 * sweep queue redelivers its message), and compares: every event stored and ledgered exactly once (none lost,
 * none doubled), the same key records, histories and alerts, and a ledger that verifies. Any store passes it
 * through {@code freshStore}.
 */
public final class FaultRun {

    /** What one run measured; a store passes when lost, doubled and divergent are zero and the ledger is intact. */
    public record Figures(int events, long faults, Map<StoreFaults.Kind, Long> byKind, long redeliveries,
                          long sweepRedeliveries, long lost, long doubled, long divergentKeys, boolean ledgerIntact) {

        @Override
        public String toString() {
            return String.format("%d events, %d faults injected %s, %d redeliveries, %d sweeps again: %d lost, "
                    + "%d doubled, %d keys divergent, ledger %s", events, faults, new TreeMap<>(byKind), redeliveries,
                    sweepRedeliveries, lost, doubled, divergentKeys, ledgerIntact ? "intact" : "BROKEN");
        }
    }

    /** Keys a sweep finds that no event named: audit gaps. */
    private static final int UNTRACKED = 5;

    private static final String TENANT = "default";

    private FaultRun() {
    }

    /** A stream over {@code keys} keys: lifecycles, tags and rotations, shuffled a little and partly delivered twice. */
    public static List<KeyEvent> stream(long seed, int keys) {
        Random random = new Random(seed);
        List<KeyEvent> events = new ArrayList<>();
        Instant t = Fixtures.T0;
        for (int k = 0; k < keys; k++) {
            KeyRef key = Fixtures.awsKey("k-" + k);
            events.add(Fixtures.event("c-" + k, t = t.plusSeconds(60), Action.CREATE, key,
                    Map.of("algorithm", "AES-256", "nativeState", "Enabled")));
            events.add(Fixtures.event("t-" + k, t = t.plusSeconds(60), Action.TAG, key, Map.of("tag.team", "t" + k % 3)));
            events.add(Fixtures.event("d-" + k, t = t.plusSeconds(60), Action.DISABLE, key, Map.of("nativeState", "Disabled")));
            if (k % 2 == 0) {
                events.add(Fixtures.event("e-" + k, t = t.plusSeconds(60), Action.ENABLE, key, Map.of("nativeState", "Enabled")));
            }
            if (k % 3 == 0) {
                events.add(Fixtures.event("x-" + k, t = t.plusSeconds(60), Action.DESTROY, key, Map.of()));
            }
        }
        List<KeyEvent> delivered = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 10; i++) {
            delivered.add(events.get(random.nextInt(events.size())));
        }
        for (int i = 0; i < delivered.size() / 20; i++) {
            Collections.swap(delivered, random.nextInt(delivered.size()), random.nextInt(delivered.size()));
        }
        return delivered;
    }

    public static Figures run(Supplier<InventoryStore> freshStore, long seed, double rate, List<KeyEvent> events,
                              int batchSize) {
        return run(freshStore, seed, rate, events, batchSize, () -> { });
    }

    /**
     * The same, with faults injected elsewhere too (on the wire, in front of the second store): {@code faultsOff}
     * ends them once the stream is ingested, before the stores are compared.
     */
    public static Figures run(Supplier<InventoryStore> freshStore, long seed, double rate, List<KeyEvent> events,
                              int batchSize, Runnable faultsOff) {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        InventoryStore reference = freshStore.get();
        CoreServices clean = CoreServices.of(reference, clock, CoreSettings.DEFAULTS);
        ingest(clean, events, batchSize);
        sweep(clean, events);

        StoreFaults faults = new StoreFaults(seed, rate);
        InventoryStore underTest = freshStore.get();
        CoreServices faulty = CoreServices.of(faults.around(underTest), clock, CoreSettings.DEFAULTS);
        long redeliveries = ingest(faulty, events, batchSize);
        long sweepRedeliveries = sweep(faulty, events);
        faults.disable();
        faultsOff.run();

        Map<String, Long> accepted = ledgeredEvents(underTest);
        List<String> keyIds = new ArrayList<>(events.stream().map(e -> e.key().id()).distinct().toList());
        for (int u = 0; u < UNTRACKED; u++) {
            keyIds.add(untracked(u).id());
        }
        Map<String, Long> stored = new HashMap<>();
        keyIds.forEach(keyId -> underTest.eventsForKey(TENANT, keyId)
                .forEach(s -> stored.merge(s.event().eventId(), 1L, Long::sum)));
        long lost = events.stream().map(KeyEvent::eventId).distinct()
                .filter(id -> !accepted.containsKey(id) || !stored.containsKey(id)).count();
        long doubled = accepted.values().stream().filter(n -> n > 1).count()
                + stored.values().stream().filter(n -> n > 1).count();
        CoreServices after = CoreServices.of(underTest, clock, CoreSettings.DEFAULTS);
        CoreServices expected = CoreServices.of(reference, clock, CoreSettings.DEFAULTS);
        long divergent = keyIds.stream().filter(id -> !view(expected, id).equals(view(after, id))).count();
        if (!alerts(reference).equals(alerts(underTest))) {
            divergent++;
        }
        var verification = after.verifier().verify(TENANT);
        boolean intact = verification.intact();
        verification.firstBreak().ifPresent(b -> System.out.println("store faults: first ledger break: " + b));
        return new Figures(events.size(), faults.total(), faults.injected(), redeliveries, sweepRedeliveries, lost,
                doubled, divergent, intact);
    }

    /**
     * Sweeps the stream's scope: the keys the stream leaves destroyed are gone, every fifth other key is missing
     * (gone without an event), every fourth shows another state (drift), and {@value #UNTRACKED} keys no event
     * named are found. A sweep that fails is run again, whole, with the same id.
     *
     * @return how many times it was run again
     */
    private static long sweep(CoreServices services, List<KeyEvent> events) {
        KeyRef first = events.get(0).key();
        FakeKeySource source = new FakeKeySource(new SweepScope(first.provider(), first.accountScope(), first.location()),
                7);
        Map<String, KeyRef> keys = new TreeMap<>();
        Map<String, Boolean> destroyed = new HashMap<>();
        for (KeyEvent e : events) {
            keys.putIfAbsent(e.key().id(), e.key());
            if (e.action() == Action.DESTROY) {
                destroyed.put(e.key().id(), true);
            }
        }
        int k = 0;
        for (KeyRef key : keys.values()) {
            k++;
            if (destroyed.containsKey(key.id()) || k % 5 == 0) {
                continue;
            }
            source.add(Fixtures.observed(key, k % 4 == 0 ? "SUSPENDED" : "ACTIVE", k % 4 == 0 ? "Disabled" : "Enabled",
                    "AES-256"));
        }
        for (int u = 0; u < UNTRACKED; u++) {
            source.add(Fixtures.observed(untracked(u)));
        }
        long again = 0;
        while (true) {
            try {
                services.reconciler().sweep(TENANT, "sweep-1", source);
                return again;
            } catch (RuntimeException e) {
                again++;
                if (again > 10_000) {
                    throw e;
                }
            }
        }
    }

    private static KeyRef untracked(int n) {
        return Fixtures.awsKey("untracked-" + n);
    }

    /** Ingests in batches; a batch that fails is delivered again, whole, until it goes through. */
    private static long ingest(CoreServices services, List<KeyEvent> events, int batchSize) {
        long redeliveries = 0;
        for (int from = 0; from < events.size(); from += batchSize) {
            List<KeyEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
            while (true) {
                try {
                    services.inventory().apply(batch);
                    break;
                } catch (RuntimeException e) {
                    redeliveries++;
                    if (redeliveries > 100_000) {
                        throw e;
                    }
                }
            }
        }
        return redeliveries;
    }

    /** A key's record and history as a reader sees them, without the store's bookkeeping (revisions, arrival). */
    private static String view(CoreServices services, String keyId) {
        Optional<CryptoAsset> asset = services.store().asset(TENANT, keyId).map(v -> v.value());
        List<String> history = services.inventory().history(TENANT, keyId).stream()
                .map(FaultRun::historyLine).toList();
        return asset.map(Object::toString).orElse("-") + history;
    }

    private static String historyLine(HistoryEntry h) {
        return h.stored().event().eventId() + " " + h.before() + " -> " + h.after() + " " + h.nativeStateAfter()
                + " " + h.flag();
    }

    private static List<String> alerts(InventoryStore store) {
        Page<Alert> page = store.alerts(TENANT, Optional.empty(), PageRequest.first(PageRequest.MAX_LIMIT));
        return page.items().stream().map(a -> a.rule() + " " + a.keyId() + " " + a.dedupKey()).sorted().toList();
    }

    private static Map<String, Long> ledgeredEvents(InventoryStore store) {
        Map<String, Long> counts = new HashMap<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRecord> page = store.ledger(TENANT, 1, Optional.empty(), true,
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (LedgerRecord r : page.items()) {
                if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                    String id = io.keyledger.core.json.Json.mapper().readTree(r.payload()).path("event")
                            .path("eventId").asString();
                    counts.merge(id, 1L, Long::sum);
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return counts;
    }
}
