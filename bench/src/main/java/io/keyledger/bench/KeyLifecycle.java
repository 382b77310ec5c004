package io.keyledger.bench;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Simulates one key's life as its cloud reports it: created with its attributes, then tagged,
 * disabled, enabled, rotated, scheduled for destruction and recovered, with the odd refused call.
 * Google keeps state per key version, so its events name the primary version.
 */
final class KeyLifecycle {

    private static final int FAILED_PERCENT = 3;
    private static final int MAX_GAP_SECONDS = 3 * 24 * 3600;

    private final int n;
    private final KeyRef key;
    private final Random random;
    private Instant time;
    private LifecycleState state = LifecycleState.ACTIVE;
    private int primaryVersion = 1;

    private KeyLifecycle(int n, Instant createdAt, Random random) {
        this.n = n;
        this.key = SimulatedKeys.key(n);
        this.time = createdAt;
        this.random = random;
    }

    /** The {@code count} events (at least the creation) of the {@code n}th key, in event-time order. */
    static List<KeyEvent> simulate(int n, int count, Instant createdAt, Random random) {
        KeyLifecycle life = new KeyLifecycle(n, createdAt, random);
        List<KeyEvent> events = new ArrayList<>(count);
        events.add(life.event(Action.CREATE, SimulatedKeys.creationAttributes(life.key, n, random), Outcome.SUCCESS));
        for (int i = 1; i < count; i++) {
            life.time = life.time.plusSeconds(60 + random.nextInt(MAX_GAP_SECONDS));
            events.add(life.next());
        }
        return events;
    }

    private KeyEvent next() {
        Action action = nextAction();
        if (random.nextInt(100) < FAILED_PERCENT) {
            return event(action, Map.of(), new Outcome.Failure("AccessDeniedException", "not authorized"));
        }
        Map<String, String> attributes = attributesOf(action);
        action.resultingState().ifPresent(s -> state = s);
        return event(action, attributes, Outcome.SUCCESS);
    }

    private Action nextAction() {
        int roll = random.nextInt(100);
        return switch (state) {
            case SUSPENDED -> roll < 60 ? Action.ENABLE : roll < 80 ? Action.TAG : Action.SCHEDULE_DESTRUCTION;
            case DEACTIVATED -> roll < 70 ? cancelDestruction() : Action.TAG;
            default -> roll < 30 ? Action.TAG
                    : roll < 50 ? Action.DISABLE
                    : roll < 70 ? Action.ROTATE
                    : roll < 80 ? Action.ROTATION_POLICY
                    : roll < 90 ? (key.provider() == Provider.AWS ? Action.ALIAS : Action.METADATA)
                    : Action.SCHEDULE_DESTRUCTION;
        };
    }

    /** Azure recovers a soft-deleted key (back to enabled); AWS and Google cancel (back to disabled). */
    private Action cancelDestruction() {
        return key.provider() == Provider.AZURE ? Action.RECOVER : Action.CANCEL_DESTRUCTION;
    }

    private Map<String, String> attributesOf(Action action) {
        return switch (action) {
            case TAG -> Map.of("tag.CostCenter", "cc-" + random.nextInt(100));
            case ALIAS -> Map.of("alias.add", "alias/app-" + n + "-" + random.nextInt(10));
            case METADATA -> Map.of("description", "application key " + n + ", reviewed");
            case ROTATION_POLICY -> Map.of("rotation.enabled", "true", "rotation.period", "P90D");
            case ROTATE -> rotate();
            case SCHEDULE_DESTRUCTION -> Map.of("nativeState", nativeStateAfter(action),
                    "destructionScheduledAt", time.plus(Duration.ofDays(30)).toString());
            default -> Map.of("nativeState", nativeStateAfter(action));
        };
    }

    private Map<String, String> rotate() {
        if (key.provider() == Provider.GCP) {
            primaryVersion++;
        }
        return Map.of();
    }

    private String nativeStateAfter(Action action) {
        return SimulatedKeys.nativeState(key.provider(), action.resultingState().orElse(state));
    }

    private KeyEvent event(Action action, Map<String, String> attributes, Outcome outcome) {
        Optional<String> version = key.provider() == Provider.GCP
                ? Optional.of(Integer.toString(primaryVersion)) : Optional.empty();
        String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
        SourcePointer source = new SourcePointer(SimulatedKeys.channel(key.provider()), "bench/" + eventId,
                SimulatedKeys.operation(key.provider(), action));
        return new KeyEvent(eventId, time, action, key, version, SimulatedKeys.actor(key.provider(), random),
                outcome, attributes, source);
    }
}
