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

    private InstantKey() {
    }

    static String of(Instant instant) {
        // by hand: String.format costs more than the statement it is for
        char[] out = new char[SECONDS_DIGITS + 9];
        digits(out, 0, SECONDS_DIGITS, instant.getEpochSecond() + OFFSET);
        digits(out, SECONDS_DIGITS, 9, instant.getNano());
        return new String(out);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code from}. */
    private static void digits(char[] out, int from, int width, long value) {
        long v = value;
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    static Instant parse(String key) {
        long seconds = Long.parseLong(key.substring(0, SECONDS_DIGITS)) - OFFSET;
        return Instant.ofEpochSecond(seconds, Long.parseLong(key.substring(SECONDS_DIGITS)));
    }
}
