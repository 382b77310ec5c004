package io.keyledger.aws.format;

import io.keyledger.core.decode.TimeFormat;
import io.keyledger.core.json.IsoUtc;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The date forms AWS writes: ISO-8601 ({@code 2026-01-15T09:00:00Z}, the AWS CLI's
 * {@code 2026-01-15T09:00:00.123000+00:00}), epoch seconds (the AWS CLI's JSON numbers, fractions
 * allowed), and the form CloudTrail uses inside request parameters and response elements
 * ({@code Aug 10, 2022, 10:38:27 PM}, also seen without the second comma and with a 24-hour hour
 * before AM/PM: {@code Apr 12, 2021 18:58:30 PM}). CloudTrail's dates are UTC.
 */
public final class AwsDates implements TimeFormat {

    /** The one instance, for {@link AwsJson#DIALECT}. */
    public static final AwsDates FORMAT = new AwsDates();

    private static final Pattern CLOUDTRAIL = Pattern.compile(
            "([A-Za-z]{3}) (\\d{1,2}), (\\d{4}),? (\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s*([AaPp][Mm]))?");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");

    private AwsDates() {
    }

    @Override
    public String forms() {
        return "ISO-8601, epoch seconds or 'Aug 10, 2022, 10:38:27 PM'";
    }

    @Override
    public Optional<Instant> fromText(String text) {
        Optional<Instant> plain = IsoUtc.parse(text);
        if (plain.isPresent()) {
            return plain;
        }
        String t = text.trim();
        if (EPOCH_SECONDS.matcher(t).matches()) {
            return fromEpochSeconds(new BigDecimal(t));
        }
        if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
            return Optional.of(t.endsWith("Z") || t.endsWith("z") ? Instant.parse(t.toUpperCase(Locale.ROOT))
                    : OffsetDateTime.parse(t).toInstant());
        }
        Matcher m = CLOUDTRAIL.matcher(t);
        return m.matches() ? Optional.of(cloudTrailForm(m)) : Optional.empty();
    }

    @Override
    public boolean readsNumbers() {
        return true;
    }

    @Override
    public Optional<Instant> fromNumber(JsonNode number) {
        return fromEpochSeconds(number.decimalValue());
    }

    private static Instant cloudTrailForm(Matcher m) {
        int month = MONTHS.indexOf(m.group(1).toUpperCase(Locale.ROOT)) + 1;
        if (month == 0) {
            throw new DateTimeException("unknown month '" + m.group(1) + "'");
        }
        int hour = Integer.parseInt(m.group(4));
        String amPm = m.group(7) == null ? "" : m.group(7).toUpperCase(Locale.ROOT);
        // A 12-hour clock only when the hour fits one; CloudTrail also writes "18:58:30 PM".
        if (hour <= 12 && amPm.equals("PM") && hour != 12) {
            hour += 12;
        } else if (hour == 12 && amPm.equals("AM")) {
            hour = 0;
        }
        return LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)), hour,
                Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))).toInstant(ZoneOffset.UTC);
    }

    /** Empty when the number is beyond the instants Java can hold. */
    private static Optional<Instant> fromEpochSeconds(BigDecimal seconds) {
        try {
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
