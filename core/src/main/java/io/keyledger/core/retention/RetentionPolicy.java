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
 */
public record RetentionPolicy(Period history, Period ledger, Period destroyedMetadata) {

    /** Seven years for everything. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Period.ofYears(7), Period.ofYears(7),
            Period.ofYears(7));

    public RetentionPolicy {
        requirePositive(history, "history");
        requirePositive(ledger, "ledger");
        requirePositive(destroyedMetadata, "destroyedMetadata");
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
