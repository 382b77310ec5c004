package io.keyledger.gcp.format;

import io.keyledger.core.json.RecordFormatException;
import java.math.BigDecimal;
import java.time.Duration;

/** Google's durations ({@code "7776000s"}, proto3 JSON) as ISO-8601 ({@code P90D}). */
public final class RotationPeriods {

    private static final long DAY = 86_400;

    private RotationPeriods() {
    }

    public static String iso(String googleDuration, String field) {
        String t = googleDuration.trim();
        BigDecimal seconds;
        try {
            if (!t.endsWith("s")) {
                throw new NumberFormatException();
            }
            seconds = new BigDecimal(t.substring(0, t.length() - 1)).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new RecordFormatException(field, "expected a duration in seconds such as 7776000s, was '"
                    + googleDuration + "'");
        }
        if (seconds.signum() <= 0) {
            throw new RecordFormatException(field, "expected a positive duration, was '" + googleDuration + "'");
        }
        try {
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.DOWN);
            long wholeSeconds = whole.longValueExact();
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.DOWN)
                    .longValueExact();
            if (nanos == 0 && wholeSeconds % DAY == 0) {
                return "P" + (wholeSeconds / DAY) + "D";
            }
            return Duration.ofSeconds(wholeSeconds, nanos).toString();
        } catch (ArithmeticException e) {
            throw new RecordFormatException(field, "duration out of range: '" + googleDuration + "'");
        }
    }
}
