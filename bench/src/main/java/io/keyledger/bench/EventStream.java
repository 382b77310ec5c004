package io.keyledger.bench;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.KeyEventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic stream of normalised key events over many keys of the three clouds, in arrival
 * order as an at-least-once, unordered channel delivers them: mostly in event-time order, some
 * events late (after later events of their key), some delivered twice.
 */
public final class EventStream {

    /** The source recorded for a JSON line that names none. */
    public static final SourcePointer SOURCE = new SourcePointer("file", "bench.jsonl", "");

    private static final Instant FIRST_CREATION = Instant.parse("2025-03-01T00:00:00Z");
    private static final int CREATION_SPREAD_SECONDS = 60 * 24 * 3600;
    private static final double LATE_SHARE = 0.05;
    private static final int MAX_LATENESS = 2_000;
    private static final double DUPLICATE_SHARE = 0.02;

    private final List<KeyEvent> events;
    private final int keys;
    private final int duplicates;

    private EventStream(List<KeyEvent> events, int keys, int duplicates) {
        this.events = List.copyOf(events);
        this.keys = keys;
        this.duplicates = duplicates;
    }

    /** {@code total} events (duplicates included) over {@code keys} keys; the same seed gives the same stream. */
    public static EventStream generate(int keys, int total, long seed) {
        int duplicates = (int) Math.round(total * DUPLICATE_SHARE);
        if (keys < 1 || total - duplicates < keys) {
            throw new IllegalArgumentException("need at least one event per key: " + keys + " keys, " + total + " events");
        }
        Random random = new Random(seed);
        List<KeyEvent> inTimeOrder = simulateKeys(keys, total - duplicates, random);
        return new EventStream(deliver(inTimeOrder, duplicates, random), keys, duplicates);
    }

    private static List<KeyEvent> simulateKeys(int keys, int unique, Random random) {
        int[] perKey = new int[keys];
        Arrays.fill(perKey, 1);
        for (int i = keys; i < unique; i++) {
            perKey[random.nextInt(keys)]++;
        }
        List<KeyEvent> all = new ArrayList<>(unique);
        for (int n = 0; n < keys; n++) {
            Instant createdAt = FIRST_CREATION.plusSeconds(random.nextInt(CREATION_SPREAD_SECONDS));
            all.addAll(KeyLifecycle.simulate(n, perKey[n], createdAt, random));
        }
        all.sort(Comparator.comparing(KeyEvent::eventTime).thenComparing(KeyEvent::eventId));
        return all;
    }

    /** Arrival order: each event arrives at its position, a late one up to MAX_LATENESS places later; copies too. */
    private static List<KeyEvent> deliver(List<KeyEvent> inTimeOrder, int duplicates, Random random) {
        record Arrival(double at, KeyEvent event) {
        }
        List<Arrival> arrivals = new ArrayList<>(inTimeOrder.size() + duplicates);
        for (int i = 0; i < inTimeOrder.size(); i++) {
            double lateness = random.nextDouble() < LATE_SHARE ? 1 + random.nextInt(MAX_LATENESS) : 0;
            arrivals.add(new Arrival(i + lateness + random.nextDouble() / 2, inTimeOrder.get(i)));
        }
        for (int d = 0; d < duplicates; d++) {
            int original = random.nextInt(inTimeOrder.size());
            arrivals.add(new Arrival(original + 1 + random.nextInt(MAX_LATENESS), inTimeOrder.get(original)));
        }
        arrivals.sort(Comparator.comparingDouble(Arrival::at));
        return arrivals.stream().map(Arrival::event).toList();
    }

    public List<KeyEvent> events() {
        return events;
    }

    public int keys() {
        return keys;
    }

    /** Events delivered a second time (same provider and event id). */
    public int duplicates() {
        return duplicates;
    }

    /** Events that arrive after a later event (by event time) of the same key. */
    public int late() {
        Map<String, Instant> latestSeen = new HashMap<>();
        int late = 0;
        for (KeyEvent e : events) {
            Instant latest = latestSeen.merge(e.key().id(), e.eventTime(), (a, b) -> a.isAfter(b) ? a : b);
            if (latest.isAfter(e.eventTime())) {
                late++;
            }
        }
        return late;
    }

    /** Refused calls: recorded, but they change no state. */
    public long failed() {
        return events.stream().filter(e -> !e.succeeded()).count();
    }

    /** The events as JSON lines, as {@code keyledger ingest} reads them from a file. */
    public List<String> jsonLines() {
        return events.stream().map(KeyEventJson::write).toList();
    }

    /** The events in consecutive batches of at most {@code size}. */
    public List<List<KeyEvent>> batches(int size) {
        List<List<KeyEvent>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            batches.add(events.subList(from, Math.min(from + size, events.size())));
        }
        return batches;
    }
}
