package io.keyledger.core.decode;

import io.keyledger.core.json.IsoUtc;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The forms in which a provider writes times, for {@link RecordFields#instant}. A provider whose times
 * are more than RFC 3339 (CloudTrail's {@code Aug 10, 2022, 10:38:27 PM}, Azure's epoch seconds) declares
 * its own.
 */
public interface TimeFormat {

    /** RFC 3339: {@code 2026-01-15T09:00:00Z}, fractions and offsets ({@code +01:00}) allowed; no numbers. */
    TimeFormat RFC_3339 = new TimeFormat() {
        @Override
        public String forms() {
            return "an RFC 3339 timestamp such as 2026-01-15T09:00:00Z";
        }

        @Override
        public Optional<Instant> fromText(String text) {
            Optional<Instant> plain = IsoUtc.parse(text);
            if (plain.isPresent()) {
                return plain;
            }
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeException e) {
                // not in the Z form: an offset, then
            }
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    };

    /** The forms, for messages: "expected " + forms(). */
    String forms();

    /**
     * The time a text stands for; empty if it is in none of the forms.
     *
     * @throws DateTimeException saying why a text in one of the forms is still no time (a 30th of February)
     */
    Optional<Instant> fromText(String text);

    /** Whether a JSON number can be a time (epoch seconds); if not, a number is a field of the wrong type. */
    default boolean readsNumbers() {
        return false;
    }

    /** The time a JSON number stands for, when {@link #readsNumbers()}; empty if it is none (out of range). */
    default Optional<Instant> fromNumber(JsonNode number) {
        return Optional.empty();
    }
}
