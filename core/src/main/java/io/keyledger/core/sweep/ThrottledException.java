package io.keyledger.core.sweep;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider refused a request because its rate quota is spent: AWS {@code ThrottlingException}, an
 * Azure or HTTP {@code 429 Too Many Requests}, Google {@code RESOURCE_EXHAUSTED}. Live key sources
 * translate their SDK's signal into this one exception so that {@link PacedKeySource} can tell a
 * request worth retrying from a real failure, whatever the cloud.
 */
public class ThrottledException extends RuntimeException {

    private final transient Optional<Duration> retryAfter;

    /** A refusal without a hint of when to retry. */
    public ThrottledException(String message) {
        this(message, Optional.empty(), null);
    }

    /** A refusal without a hint, keeping the SDK's exception as the cause. */
    public ThrottledException(String message, Throwable cause) {
        this(message, Optional.empty(), cause);
    }

    /**
     * @param retryAfter the provider's own hint of how long to wait (an HTTP {@code Retry-After} header,
     *                   Google's {@code RetryInfo}), if it gave one
     */
    public ThrottledException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        retryAfter.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + d);
            }
        });
    }

    /** How long the provider asked the caller to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
