package io.keyledger.core.alert;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each alert to every sink. A failing sink is logged and counted, and the others still get the
 * alert: the alert is already stored, so a sink failure must never fail the ingest that raised it.
 */
public final class AlertDispatcher {

    public static final AlertDispatcher NONE = new AlertDispatcher(List.of());

    private static final Logger LOG = System.getLogger(AlertDispatcher.class.getName());

    private final List<AlertSink> sinks;
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();

    public AlertDispatcher(List<AlertSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public void send(List<Alert> alerts) {
        alerts.forEach(this::send);
    }

    public void send(Alert alert) {
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
                delivered.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failures.computeIfAbsent(sink.name(), n -> new AtomicLong()).incrementAndGet();
                LOG.log(Level.WARNING, "alert sink " + sink.name() + " failed for alert " + alert.id() + ": " + e);
            }
        }
    }

    /** Failed deliveries so far, by sink name. */
    public Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((name, count) -> out.put(name, count.get()));
        return out;
    }

    /** Successful deliveries so far, over all sinks. */
    public long delivered() {
        return delivered.get();
    }
}
