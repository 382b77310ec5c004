package io.keyledger.core.alert;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules that count events across keys: a burst of destructive actions, and repeated failed
 * destructive calls by one principal.
 *
 * <p>Counting is over fixed periods of the configured length, aligned to the epoch, read back from the
 * stored events ({@link EventStore#recentEvents}). Why fixed periods rather than a sliding window:
 * the condition, and so the dedup key ("the period starting at T"), is then the same whatever order
 * and however often the events arrive, and no counter has to be kept consistent across writers. The
 * cost: a burst split evenly across a period boundary may stay under the threshold in both periods.
 *
 * <p>Once a period has reached its threshold and its alert is stored, the period's later events are judged with
 * one read of that alert instead of the period's events: a burst of n destructive events, which is what the rule
 * is for, would otherwise read about n²/2 events.
 */
final class WindowRules {

    /** Both rules count destructive actions only. */
    private static final Set<Action> DESTRUCTIVE = EnumSet.copyOf(
            Arrays.stream(Action.values()).filter(Action::destructive).toList());

    /** How many periods that reached a threshold this process remembers; a burst spans one period or two. */
    private static final int REACHED_REMEMBERED = 1_024;

    private final EventStore events;
    private final AlertStore alerts;
    private final ReachedPeriods reached = new ReachedPeriods();

    WindowRules(EventStore events, AlertStore alerts) {
        this.events = events;
        this.alerts = alerts;
    }

    List<Alert> evaluate(String tenant, AnomalyPolicy policy, AppliedEvent applied, Instant raisedAt) {
        KeyEvent event = applied.event();
        if (!event.action().destructive() || !applied.byPrincipal()) {
            return List.of();
        }
        if (event.succeeded() && policy.burst().enabled()) {
            return burst(tenant, policy.burst(), event, raisedAt);
        }
        if (!event.succeeded() && policy.repeatedFailures().enabled()) {
            return failures(tenant, policy.repeatedFailures(), event, raisedAt);
        }
        return List.of();
    }

    private List<Alert> burst(String tenant, AnomalyPolicy.Windowed rule, KeyEvent event, Instant raisedAt) {
        Instant start = periodStart(event.eventTime(), rule.window());
        String alertId = Alert.idOf(tenant, Rule.DESTRUCTIVE_BURST, start.toString());
        if (alreadyRaised(tenant, alertId)) {
            return List.of();
        }
        List<KeyEvent> found = matching(tenant, start, rule,
                e -> e.succeeded() && e.action().destructive() && byPrincipal(e));
        if (found.size() < rule.count()) {
            return List.of();
        }
        reached.add(alertId);
        long keys = found.stream().map(e -> e.key().id()).distinct().count();
        String message = found.size() + " destructive actions on " + keys + " keys between " + start + " and "
                + start.plus(rule.window()) + " (threshold " + rule.count() + " within " + rule.window() + ")";
        return List.of(Alert.open(tenant, Rule.DESTRUCTIVE_BURST, Optional.empty(), ids(found, rule.count()), message,
                start.toString(), raisedAt));
    }

    private List<Alert> failures(String tenant, AnomalyPolicy.Windowed rule, KeyEvent event, Instant raisedAt) {
        String principal = event.actor().principal();
        Instant start = periodStart(event.eventTime(), rule.window());
        String alertId = Alert.idOf(tenant, Rule.REPEATED_FAILURES, principal + ":" + start);
        if (alreadyRaised(tenant, alertId)) {
            return List.of();
        }
        List<KeyEvent> found = matching(tenant, start, rule, e -> !e.succeeded() && e.action().destructive()
                && e.actor().principal().equals(principal) && byPrincipal(e));
        if (found.size() < rule.count()) {
            return List.of();
        }
        reached.add(alertId);
        String message = found.size() + " failed destructive calls by " + principal + " between " + start + " and "
                + start.plus(rule.window()) + " (threshold " + rule.count() + " within " + rule.window()
                + "): possible probing";
        return List.of(Alert.open(tenant, Rule.REPEATED_FAILURES, Optional.empty(), ids(found, rule.count()), message,
                principal + ":" + start, raisedAt));
    }

    /**
     * Whether the alert of a period this process saw reach its threshold is stored. That the period reached it is
     * only a hint kept here, so that a quiet period costs no read of alerts; the store says whether the alert is
     * there (a batch rolled back after the alert was raised took it back, and the period is then read again).
     */
    private boolean alreadyRaised(String tenant, String alertId) {
        return reached.contains(alertId) && alerts.alert(tenant, alertId).isPresent();
    }

    /**
     * The period's destructive events that pass {@code filter}; none when the period holds fewer destructive events
     * than the rule's threshold (most do), which a store that can count tells without reading them.
     */
    private List<KeyEvent> matching(String tenant, Instant start, AnomalyPolicy.Windowed rule,
                                    Predicate<KeyEvent> filter) {
        return events.recentEventsIfAtLeast(tenant, start, start.plus(rule.window()), DESTRUCTIVE, rule.count()).stream()
                .map(StoredEvent::event).filter(filter).toList();
    }

    private static boolean byPrincipal(KeyEvent e) {
        return new AppliedEvent(e, Optional.empty(), Optional.empty(), Optional.empty()).byPrincipal();
    }

    /** The first events that reached the threshold, in history order. */
    private static List<String> ids(List<KeyEvent> found, int count) {
        return found.stream().limit(count).map(KeyEvent::dedupKey).toList();
    }

    static Instant periodStart(Instant at, Duration window) {
        long millis = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }

    /** The alert ids of the periods that reached a threshold lately, the oldest forgotten first. */
    private static final class ReachedPeriods {
        private final Map<String, Boolean> ids = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REACHED_REMEMBERED;
            }
        };

        synchronized void add(String alertId) {
            ids.put(alertId, Boolean.TRUE);
        }

        synchronized boolean contains(String alertId) {
            return ids.containsKey(alertId);
        }
    }
}
