package io.keyledger.local.sqlite;

import java.time.Instant;

/**
 * Instants that SQL compares or sorts (expiries, event times) are stored as this fixed-width text:
 * 17 digits of seconds counted from {@link Instant#MIN}, then 9 digits of nanoseconds. Text order is
 * then time order for every instant, and the nanoseconds survive exactly, which neither epoch millis
 * nor {@code Instant.toString()} (variable width) would give.
 */
final class InstantKey {

    private static final long OFFSET = -Instant.MIN.getEpochSecond();
    private static final int SECONDS_DIGITS = 17;
    private static final String FORMAT = "%0" + SECONDS_DIGITS + "d%09d";

    private InstantKey() {
    }

    static String of(Instant instant) {
        return String.format(FORMAT, instant.getEpochSecond() + OFFSET, instant.getNano());
    }

    static Instant parse(String key) {
        long seconds = Long.parseLong(key.substring(0, SECONDS_DIGITS)) - OFFSET;
        return Instant.ofEpochSecond(seconds, Long.parseLong(key.substring(SECONDS_DIGITS)));
    }
}
