package io.keyledger.core.alert;

import java.time.Instant;

/** The order every store lists alerts in: newest first (by raising time), then by id. */
public final class Alerts {

    private Alerts() {
    }

    /** A key that sorts ascending in listing order (fixed-width distance to the far future, then the id). */
    public static String sortKey(Alert alert) {
        Instant at = alert.raisedAt();
        long secondsToEnd = Instant.MAX.getEpochSecond() - at.getEpochSecond();
        long nanosToEnd = 999_999_999L - at.getNano();
        return String.format("%020d.%09d|%s", secondsToEnd, nanosToEnd, alert.id());
    }
}
