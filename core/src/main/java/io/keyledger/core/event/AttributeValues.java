package io.keyledger.core.event;

import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.ResponsibilityParty;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses attribute values of {@link KeyEvent}s. Events are checked with {@link #check} when built, so
 * that a bad value is rejected with its field name at ingest rather than failing later.
 */
public final class AttributeValues {

    /**
     * The earliest and latest times an event or a key's dates may hold: the years ISO 8601 writes with four
     * digits. Java takes times up to the year 1,000,000,000, where adding a retention period or counting
     * milliseconds overflows: found by fuzzing, one such event failed its whole batch.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** The longest rotation period taken: a hundred years (the providers allow a few years at most). */
    public static final Duration LONGEST_PERIOD = Duration.ofDays(36_525);

    private AttributeValues() {
    }

    /** Throws IllegalArgumentException naming the attribute if its value cannot be parsed. */
    public static void check(String name, String value) {
        // No lambda capturing the value: this runs for every attribute of every event.
        Optional<KeyAttribute> a = KeyAttribute.fromWireName(name);
        if (a.isEmpty()) {
            return;
        }
        try {
            parseAs(a.get(), value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void parseAs(KeyAttribute a, String value) {
        switch (a) {
            case STATE, VERSION_STATE -> enumValue(LifecycleState.class, value);
            case KIND -> enumValue(KeyKind.class, value);
            case KEY_USAGE -> enumValue(KeyUsage.class, value);
            case PROTECTION -> enumValue(ProtectionLevel.class, value);
            case ORIGIN -> enumValue(KeyOrigin.class, value);
            case MANAGER -> enumValue(KeyManager.class, value);
            // blank clears a party set for the key: its rules decide again
            case RESPONSIBILITY_PARTY -> {
                if (!value.isBlank()) {
                    enumValue(ResponsibilityParty.class, value);
                }
            }
            case OBSERVATION -> enumValue(Observation.class, value);
            case ROTATION_ENABLED, MULTI_REGION, POLICY_LOCKOUT_RISK -> bool(value);
            case AI_USAGE_CATEGORY -> list(value).forEach(c -> enumValue(AiUsageCategory.class, c));
            case ROTATION_PERIOD, DESTRUCTION_DELAY -> duration(value);
            case CREATED_AT, DESTRUCTION_SCHEDULED_AT, EXPIRES_AT, NOT_BEFORE, LAST_ROTATED_AT, UPDATED_AT,
                 DESTRUCTION_REQUESTED_AT -> optionalInstant(value);
            case LAST_USED_AT -> instant(value);
            case PROTECTED_RESOURCE_COUNT -> count(value);
            default -> {
                // free text
            }
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, KeyAttribute.upper(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown value '" + value + "' (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    /** A whole number of zero or more. */
    public static long count(String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a whole number of zero or more, was '" + value + "'");
    }

    public static boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, was '" + value + "'");
        };
    }

    /** An ISO-8601 duration ("P365D", "PT8760H") or a whole number of days. */
    public static Duration duration(String value) {
        String v = value.trim();
        try {
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                return bounded(Duration.ofDays(Long.parseLong(v)), value);
            }
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration must be positive, was '" + value + "'");
            }
            return bounded(d, value);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("expected an ISO-8601 duration such as P365D, was '" + value + "'");
        }
    }

    private static Duration bounded(Duration d, String value) {
        if (d.compareTo(LONGEST_PERIOD) > 0) {
            throw new IllegalArgumentException("a period of at most " + LONGEST_PERIOD.toDays() + " days, was '" + value
                    + "'");
        }
        return d;
    }

    public static Instant instant(String value) {
        Instant at;
        try {
            at = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '"
                    + value + "'");
        }
        return requireInRange(at, "a time");
    }

    /** @throws IllegalArgumentException when {@code at} is before the year 1 or after the year 9999 */
    public static Instant requireInRange(Instant at, String what) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException(what + " must lie in the years 0001 to 9999, was " + at);
        }
        return at;
    }

    /** An instant, or empty for a blank value: an event clears a date by sending it blank. */
    public static Optional<Instant> optionalInstant(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(instant(value));
    }

    /** A comma-separated list, blanks dropped. */
    public static List<String> list(String value) {
        // A loop, not a stream over split: this runs for every use applied.
        List<String> out = new ArrayList<>(2);
        int start = 0;
        while (true) {
            int comma = value.indexOf(',', start);
            String item = value.substring(start, comma < 0 ? value.length() : comma).trim();
            if (!item.isEmpty()) {
                out.add(item);
            }
            if (comma < 0) {
                return Collections.unmodifiableList(out);
            }
            start = comma + 1;
        }
    }
}
