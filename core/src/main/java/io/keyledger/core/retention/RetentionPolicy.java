package io.keyledger.core.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How long a tenant keeps its records.
 *
 * @param history           history records (key events), counted from the event time
 * @param ledger            ledger records, counted from when they were recorded
 * @param destroyedMetadata a destroyed key's inventory record, counted from its destruction
 * @param hotWindow         how long ledger records (and the events they accepted) stay in the store before
 *                          they move to the archive tier, counted from when they were recorded; a policy
 *                          written before there was an archive tier reads as the default, 90 days
 */
public record RetentionPolicy(Period history, Period ledger, Period destroyedMetadata, Period hotWindow) {

    /** How long records stay in the store before archiving, unless the tenant's policy says otherwise. */
    public static final Period DEFAULT_HOT_WINDOW = Period.ofDays(90);

    /** Seven years for everything; archived after 90 days. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Period.ofYears(7), Period.ofYears(7),
            Period.ofYears(7));

    public RetentionPolicy {
        requirePositive(history, "history");
        requirePositive(ledger, "ledger");
        requirePositive(destroyedMetadata, "destroyedMetadata");
        hotWindow = hotWindow == null ? DEFAULT_HOT_WINDOW : hotWindow;
        requirePositive(hotWindow, "hotWindow");
    }

    /** A policy with the default hot window. */
    public RetentionPolicy(Period history, Period ledger, Period destroyedMetadata) {
        this(history, ledger, destroyedMetadata, DEFAULT_HOT_WINDOW);
    }

    public RetentionPolicy withHotWindow(Period window) {
        return new RetentionPolicy(history, ledger, destroyedMetadata, window);
    }

    /** Adds a calendar period in UTC, so that seven years is seven calendar years. */
    public static Instant plus(Instant from, Period period) {
        return from.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private static void requirePositive(Period p, String name) {
        Objects.requireNonNull(p, name);
        if (p.isNegative() || p.isZero()) {
            throw new IllegalArgumentException("retention period '" + name + "' must be positive, was " + p);
        }
    }
}
