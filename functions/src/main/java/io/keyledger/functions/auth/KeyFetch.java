package io.keyledger.functions.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How an issuer's published keys are fetched and kept.
 *
 * @param connectTimeout     for each connection to the issuer
 * @param readTimeout        for each read from it
 * @param maxBytes           the largest discovery document or key set accepted
 * @param cacheLifetime      how long fetched keys are used before they are fetched again
 * @param minRefreshInterval the least time between two fetches: a token with an unknown key id refetches
 *                           (the issuer may have rotated), but never more often than this
 * @param outageTolerance    how long past their lifetime keys are still used while the issuer is unreachable
 */
public record KeyFetch(Duration connectTimeout, Duration readTimeout, int maxBytes, Duration cacheLifetime,
                       Duration minRefreshInterval, Duration outageTolerance) {

    public static final KeyFetch DEFAULT = new KeyFetch(Duration.ofSeconds(2), Duration.ofSeconds(2), 256 * 1024,
            Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1));

    public KeyFetch {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(cacheLifetime, "cacheLifetime");
        requirePositive(minRefreshInterval, "minRefreshInterval");
        Objects.requireNonNull(outageTolerance, "outageTolerance");
        if (outageTolerance.isNegative()) {
            throw new IllegalArgumentException("outageTolerance must not be negative");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (minRefreshInterval.compareTo(cacheLifetime) > 0) {
            throw new IllegalArgumentException("minRefreshInterval must not exceed cacheLifetime");
        }
        if (connectTimeout.toMillis() > Integer.MAX_VALUE || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts must be shorter than 24 days");
        }
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
