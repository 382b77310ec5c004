package io.keyledger.functions.feed;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a feed's change list starts: after a ledger record (the {@code throughSequence} of the feed before,
 * so that consecutive feeds leave nothing out and repeat nothing), or at a recording time.
 *
 * @param afterSequence changes recorded after this ledger record; 0: from the first
 * @param since         changes recorded at or after this instant, when given instead
 */
public record FeedPoint(long afterSequence, Optional<Instant> since) {

    /** Every change the ledger holds. */
    public static final FeedPoint START = new FeedPoint(0, Optional.empty());

    public FeedPoint {
        if (afterSequence < 0) {
            throw new IllegalArgumentException("since: a ledger sequence is 0 or more");
        }
        if (since.isPresent() && afterSequence != 0) {
            throw new IllegalArgumentException("since: a sequence or an instant, not both");
        }
    }

    /** A sequence number ({@code 1234}) or an ISO-8601 instant ({@code 2026-03-01T00:00:00Z}). */
    public static FeedPoint parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return START;
        }
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return new FeedPoint(Long.parseLong(t), Optional.empty());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("since: the sequence " + t + " is too large");
            }
        }
        try {
            return new FeedPoint(0, Optional.of(Instant.parse(t)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since: expected a ledger sequence (such as 1234) or an ISO-8601 "
                    + "instant (such as 2026-03-01T00:00:00Z), not '" + t + "'");
        }
    }

    /** The point as the feed states it. */
    Map<String, Object> json() {
        return since.<Map<String, Object>>map(at -> Map.of("recordedAt", at.toString()))
                .orElseGet(() -> Map.of("afterSequence", afterSequence));
    }
}
