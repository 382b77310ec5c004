package io.keyledger.bench.scale;

import io.keyledger.core.sweep.KeyClass;
import io.keyledger.testkit.sweep.WindowStats;
import java.util.List;
import java.util.Map;

/**
 * What one pass over every scope measured.
 *
 * @param keys          keys in the sweep reports (missing keys included)
 * @param classes       keys per class
 * @param corrections   correction events applied to the inventory
 * @param partialScopes scopes whose sweep was cut short (throttled past the retry budget, say)
 * @param seconds       wall time of the pass
 * @param list          the provider's view of the list calls
 * @param describe      the provider's view of the describe calls
 * @param retries       throttled calls the pacing retried
 * @param givenUp       throttled calls still refused after the retry budget
 * @param threadSeconds where the sweeping threads spent their time
 * @param writeConflicts store writes that lost a race with another sweeping thread and were retried
 * @param peakHeapMb    the most heap in use during the pass
 * @param heapAfterGcMb heap in use after a full collection at the end of the pass
 */
record PassFigures(String name, long keys, Map<KeyClass, Long> classes, long corrections, int partialScopes,
                   double seconds, Calls list, Calls describe, long retries, long givenUp, TimeSplit threadSeconds,
                   long writeConflicts, double peakHeapMb, double heapAfterGcMb) {

    long count(KeyClass keyClass) {
        return classes.getOrDefault(keyClass, 0L);
    }

    long throttled() {
        return list.throttled() + describe.throttled();
    }

    /**
     * One operation class as the providers saw it, over every scope.
     *
     * @param quotaPerSecond one scope's quota
     * @param pacePerSecond  the highest rate at which one scope's calls came while they were coming
     *                       ({@link WindowStats#pacePerSecond()})
     * @param peakInOneSecond the most calls one scope's provider counted in a one-second window
     */
    record Calls(long calls, long throttled, int quotaPerSecond, double pacePerSecond, int peakInOneSecond) {

        static Calls of(List<WindowStats> perScope, int quotaPerSecond) {
            return new Calls(perScope.stream().mapToLong(WindowStats::calls).sum(),
                    perScope.stream().mapToLong(WindowStats::throttled).sum(), quotaPerSecond,
                    perScope.stream().mapToDouble(WindowStats::pacePerSecond).max().orElse(0),
                    perScope.stream().mapToInt(WindowStats::peak).max().orElse(0));
        }

        double paceShare() {
            return pacePerSecond / quotaPerSecond;
        }

        double peakShare() {
            return (double) peakInOneSecond / quotaPerSecond;
        }
    }

    /**
     * Seconds of the sweeping threads, summed over scopes: the sweeps' own durations, and the parts of them
     * spent waiting for the pace (or in backoff), looking up listed keys in the store, scanning the store
     * for keys the listing did not show, and applying corrections. The rest is the reconciler's own work:
     * comparing attributes, building correction events, listing pages out of the simulated provider.
     */
    record TimeSplit(double sweeping, double pacing, double lookups, double missingScan, double applying) {

        double rest() {
            return sweeping - pacing - lookups - missingScan - applying;
        }
    }
}
