package io.keyledger.core.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The form nearly every audit record writes its times in, {@code 2026-01-15T09:00:00Z} (with up to nine
 * digits of fraction), read by hand: {@code Instant.parse} costs more than the rest of a record's decoding.
 * Anything else, or a date that does not exist, is left to the full parsers (empty), which then say what is wrong.
 * KeyLedger writes its own times in the same form, by hand too ({@link #format}).
 */
public final class IsoUtc {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString} writes with four digits. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private IsoUtc() {
    }

    public static Optional<Instant> parse(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return Optional.empty();
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return Optional.empty();
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Optional.empty();
            }
            nanos = digits(t, 20, fraction);
            if (nanos < 0) {
                return Optional.empty();
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (t.charAt(19) != 'Z') {
            return Optional.empty();
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Optional.of(Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Exactly what {@link Instant#toString} writes (seconds always, then zero, three, six or nine digits of
     * fraction), without its general formatter, which costs more than the rest of writing a key's record.
     */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int ofDay = (int) Math.floorMod(seconds, 86_400L);
        int nanos = t.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[fraction == 0 ? 20 : 21 + fraction];
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, ofDay / 3600, 2);
        text[13] = ':';
        put(text, 14, ofDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, ofDay % 60, 2);
        if (fraction > 0) {
            text[19] = '.';
            put(text, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, at {@code from}. */
    private static void put(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number the {@code count} digits at {@code from} write, or -1 if they are not all digits. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
