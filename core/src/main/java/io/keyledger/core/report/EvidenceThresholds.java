package io.keyledger.core.report;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * The thresholds the evidence verdicts apply; {@link #DEFAULT} is what the report uses unless given
 * others. docs/REPORTS.md explains each.
 *
 * @param completeShare     share of keys (0 to 1) an attribute must be filled on for MET
 * @param partialShare      share below which a guideline is NOT MET rather than PARTIAL
 * @param maxPartialObserved share of keys that may be only partially observed for MET
 * @param maxEventSilence   the newest ledgered event may be at most this old for MET of guideline 1
 * @param sweepInterval     every scope holding keys needs a complete sweep at most this old for MET of 9
 * @param staleSweep        a sweep older than this does not count at all (guidelines 3 and 9)
 * @param minCoverage       lowest inventory coverage of a scope's latest sweep for MET of 9
 * @param maxOpenHighAlert  HIGH and CRITICAL alerts open for longer make guideline 8 PARTIAL
 * @param minRetention      a retention period shorter than this makes guideline 6 PARTIAL
 * @param accessReviewInterval access must have been reviewed within this for MET of guideline 5
 * @param feedMaxAge        a coordination feed must have been exchanged within this for MET of guideline 10
 */
public record EvidenceThresholds(double completeShare, double partialShare, double maxPartialObserved,
                                 Duration maxEventSilence, Duration sweepInterval, Duration staleSweep,
                                 double minCoverage, Duration maxOpenHighAlert, Period minRetention,
                                 Duration accessReviewInterval, Duration feedMaxAge) {

    public static final EvidenceThresholds DEFAULT = new EvidenceThresholds(0.95, 0.5, 0.05, Duration.ofDays(30),
            Duration.ofDays(7), Duration.ofDays(30), 0.95, Duration.ofDays(7), Period.ofYears(1), Duration.ofDays(90),
            Duration.ofDays(90));

    public EvidenceThresholds {
        requireShare(completeShare, "completeShare");
        requireShare(partialShare, "partialShare");
        requireShare(maxPartialObserved, "maxPartialObserved");
        requireShare(minCoverage, "minCoverage");
        Objects.requireNonNull(maxEventSilence, "maxEventSilence");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(staleSweep, "staleSweep");
        Objects.requireNonNull(maxOpenHighAlert, "maxOpenHighAlert");
        Objects.requireNonNull(minRetention, "minRetention");
        Objects.requireNonNull(accessReviewInterval, "accessReviewInterval");
        Objects.requireNonNull(feedMaxAge, "feedMaxAge");
    }

    /** Thresholds with the defaults for access reviews and feed exchanges. */
    public EvidenceThresholds(double completeShare, double partialShare, double maxPartialObserved,
                              Duration maxEventSilence, Duration sweepInterval, Duration staleSweep,
                              double minCoverage, Duration maxOpenHighAlert, Period minRetention) {
        this(completeShare, partialShare, maxPartialObserved, maxEventSilence, sweepInterval, staleSweep, minCoverage,
                maxOpenHighAlert, minRetention, Duration.ofDays(90), Duration.ofDays(90));
    }

    private static void requireShare(double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + v);
        }
    }
}
