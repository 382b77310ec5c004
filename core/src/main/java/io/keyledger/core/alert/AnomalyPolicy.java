package io.keyledger.core.alert;

import io.keyledger.core.event.Action;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One tenant's anomaly rule settings. {@link #DEFAULT} is what a tenant gets without a policy file;
 * docs/ALERTS.md lists every setting and its default.
 */
public record AnomalyPolicy(
        PrematureDestruction prematureDestruction,
        Custodians custodians,
        ChangeWindows changeWindows,
        ChangeReference changeReference,
        Windowed burst,
        Toggle keyPolicyLockout,
        Toggle illegalTransition,
        Toggle seenAfterDestruction,
        Toggle auditGaps,
        Rotation rotationOverdue,
        Expiring expiring,
        Windowed repeatedFailures,
        Toggle compromise) {

    /**
     * The changes that custodian, change-window and change-reference rules watch by default: the ones
     * that take a key out of use, bring it back, or change who may manage it.
     */
    public static final Set<Action> WATCHED_CHANGES = Set.of(Action.DISABLE, Action.SCHEDULE_DESTRUCTION,
            Action.DESTROY, Action.DELETE_MATERIAL, Action.IMPORT_MATERIAL, Action.KEY_POLICY, Action.ROTATION_POLICY,
            Action.CANCEL_DESTRUCTION, Action.ENABLE, Action.RECOVER);

    public static final AnomalyPolicy DEFAULT = new AnomalyPolicy(
            new PrematureDestruction(true, Duration.ofDays(30), true),
            // No custodians configured means the rule cannot tell anyone apart: it stays quiet until set.
            new Custodians(true, List.of(), WATCHED_CHANGES),
            new ChangeWindows(true, ZoneOffset.UTC, List.of(), WATCHED_CHANGES),
            // Off by default: most organisations do not tag every change yet, and a LOW alert per change is noise.
            new ChangeReference(false, List.of("change-ticket"), WATCHED_CHANGES),
            new Windowed(true, 5, Duration.ofMinutes(10)),
            Toggle.ON, Toggle.ON, Toggle.ON, Toggle.ON,
            new Rotation(true, Duration.ofDays(365)),
            new Expiring(true, Duration.ofDays(30)),
            new Windowed(true, 5, Duration.ofMinutes(15)),
            Toggle.ON);

    public AnomalyPolicy {
        Objects.requireNonNull(prematureDestruction, "prematureDestruction");
        Objects.requireNonNull(custodians, "custodians");
        Objects.requireNonNull(changeWindows, "changeWindows");
        Objects.requireNonNull(changeReference, "changeReference");
        Objects.requireNonNull(burst, "burst");
        Objects.requireNonNull(keyPolicyLockout, "keyPolicyLockout");
        Objects.requireNonNull(illegalTransition, "illegalTransition");
        Objects.requireNonNull(seenAfterDestruction, "seenAfterDestruction");
        Objects.requireNonNull(auditGaps, "auditGaps");
        Objects.requireNonNull(rotationOverdue, "rotationOverdue");
        Objects.requireNonNull(expiring, "expiring");
        Objects.requireNonNull(repeatedFailures, "repeatedFailures");
        Objects.requireNonNull(compromise, "compromise");
    }

    /** A rule with no setting but whether it runs. */
    public record Toggle(boolean enabled) {
        public static final Toggle ON = new Toggle(true);
    }

    /** @param recentUse a key used within this long before the change counts as in use */
    public record PrematureDestruction(boolean enabled, Duration recentUse, boolean aiKeys) {
    }

    /** @param principals principal ids, or patterns where {@code *} matches any run of characters */
    public record Custodians(boolean enabled, List<String> principals, Set<Action> actions) {
        public Custodians {
            principals = List.copyOf(principals);
            actions = Set.copyOf(actions);
        }

        public boolean isCustodian(String principal) {
            return principals.stream().anyMatch(p -> Globs.matches(p, principal));
        }
    }

    /** Changes are expected inside one of the windows, read in {@code zone}; no windows: the rule is quiet. */
    public record ChangeWindows(boolean enabled, ZoneId zone, List<Window> windows, Set<Action> actions) {
        public ChangeWindows {
            Objects.requireNonNull(zone, "zone");
            windows = List.copyOf(windows);
            actions = Set.copyOf(actions);
        }

        public boolean inside(java.time.Instant at) {
            ZonedDateTime local = at.atZone(zone);
            return windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), local.toLocalTime()));
        }
    }

    /** Days of the week and a time range [from, to) on each of them. */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            days = Set.copyOf(days);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("window 'from' " + from + " must be before 'to' " + to);
            }
        }

        boolean contains(DayOfWeek day, LocalTime time) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
    }

    /** @param tags tag names whose presence (on the event or the key) counts as a change reference */
    public record ChangeReference(boolean enabled, List<String> tags, Set<Action> actions) {
        public ChangeReference {
            tags = List.copyOf(tags);
            actions = Set.copyOf(actions);
        }
    }

    /** At least {@code count} occurrences within one period of length {@code window}. */
    public record Windowed(boolean enabled, int count, Duration window) {
        public Windowed {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, was " + count);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, was " + window);
            }
        }
    }

    public record Rotation(boolean enabled, Duration maxCryptoperiod) {
    }

    public record Expiring(boolean enabled, Duration within) {
    }
}
