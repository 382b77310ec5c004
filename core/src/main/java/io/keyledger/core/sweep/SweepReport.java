package io.keyledger.core.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sweep of one scope found and did.
 *
 * @param partialReason why the scope was cut short (throttling past its budget, an outage); a partial
 *                      sweep never classes a key as missing
 * @param apiCalls      calls made to the key source (list pages and describes)
 * @param explainedByEvents confirmed keys whose record was last set by an audit event, not by a sweep
 */
public record SweepReport(String sweepId, String tenant, SweepScope scope, Instant startedAt, Instant finishedAt,
                          Optional<String> partialReason, List<SweptKey> keys, int corrections, long apiCalls,
                          long explainedByEvents) {

    public SweepReport {
        keys = List.copyOf(keys);
    }

    public boolean partial() {
        return partialReason.isPresent();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public Map<KeyClass, Long> counts() {
        Map<KeyClass, Long> counts = new EnumMap<>(KeyClass.class);
        for (KeyClass c : KeyClass.values()) {
            counts.put(c, keys.stream().filter(k -> k.keyClass() == c).count());
        }
        return counts;
    }

    /** Keys the cloud holds: every class but MISSING. */
    public long inCloud() {
        return keys.stream().filter(k -> k.keyClass() != KeyClass.MISSING).count();
    }

    /** Share of the cloud's keys that the inventory already held correctly (1 when the cloud holds none). */
    public double inventoryCoverage() {
        long inCloud = inCloud();
        return inCloud == 0 ? 1.0 : (double) counts().get(KeyClass.CONFIRMED) / inCloud;
    }

    /** Share of the cloud's keys whose current state the audit events explain (1 when the cloud holds none). */
    public double eventCoverage() {
        long inCloud = inCloud();
        return inCloud == 0 ? 1.0 : (double) explainedByEvents / inCloud;
    }
}
