package io.keyledger.azure.format;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 periods as Key Vault rotation policies write them ({@code P90D}, {@code P18M}, {@code P2Y},
 * {@code PT48H}) as durations; a month counts 30 days and a year 365, as a rotation period needs no more.
 */
public final class IsoPeriods {

    private static final Pattern PERIOD = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private IsoPeriods() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PERIOD.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches() || text.trim().length() <= 1 || text.trim().toUpperCase(Locale.ROOT).endsWith("T")) {
            return Optional.empty();
        }
        long days = 365 * n(m.group(1)) + 30 * n(m.group(2)) + 7 * n(m.group(3)) + n(m.group(4));
        Duration d = Duration.ofDays(days).plusHours(n(m.group(5))).plusMinutes(n(m.group(6))).plusSeconds(n(m.group(7)));
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** A duration as KeyLedger's rotation.period: whole days as {@code P<n>D}, else ISO-8601. */
    public static String text(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    private static long n(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
