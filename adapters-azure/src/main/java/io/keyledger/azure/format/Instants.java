package io.keyledger.azure.format;

import io.keyledger.core.decode.TimeFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Times as Azure writes them: ISO-8601 with up to seven fraction digits ({@code 2016-01-05T01:32:01.2691226Z}),
 * with an offset ({@code +00:00}, as the Azure CLI prints), without a zone (UTC), or seconds since the
 * epoch (Event Grid's {@code NBF}/{@code EXP}, the Key Vault REST attributes), as a number or as text.
 */
public final class Instants implements TimeFormat {

    /** The one instance, for {@link AzureJson#DIALECT}. */
    public static final Instants FORMAT = new Instants();

    private Instants() {
    }

    @Override
    public String forms() {
        return "an ISO-8601 time such as 2016-01-05T01:32:01.2691226Z, or seconds since 1970";
    }

    @Override
    public Optional<Instant> fromText(String text) {
        return parse(text);
    }

    @Override
    public boolean readsNumbers() {
        return true;
    }

    @Override
    public Optional<Instant> fromNumber(JsonNode number) {
        return epochSeconds(number.asString());
    }

    /** Parses a time; empty if the text is no time in any of these forms. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.chars().allMatch(c -> Character.isDigit(c) || c == '.') && t.chars().filter(c -> c == '.').count() <= 1) {
            return epochSeconds(t);
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // not in the Z form: try an offset, then a local time
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // no offset either
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSeconds(String digits) {
        try {
            double seconds = Double.parseDouble(digits);
            if (seconds < 0 || seconds > 253_402_300_799d) {
                return Optional.empty();
            }
            long whole = (long) seconds;
            long nanos = Math.round((seconds - whole) * 1_000_000_000d);
            return Optional.of(Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_999)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
