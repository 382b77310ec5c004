package io.keyledger.core.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the evidence page draws beside its figures: the keys by provider and state, the coverage of each
 * scope's latest sweep, and the verdicts recorded over time.
 *
 * @param keysByProviderAndState key records by provider code, then lifecycle state name
 * @param latestSweeps           the latest sweep of each scope within the stale-sweep threshold, by scope id
 * @param history                the evidence snapshots recorded in the ledger, oldest first (the newest
 *                               {@link #MAX_HISTORY} at most)
 */
public record EvidenceCharts(Map<String, Map<String, Long>> keysByProviderAndState, List<SweepCoverage> latestSweeps,
                             List<EvidenceSnapshot> history) {

    /** How many recorded snapshots the page draws, newest kept. */
    public static final int MAX_HISTORY = 60;

    public static final EvidenceCharts NONE = new EvidenceCharts(Map.of(), List.of(), List.of());

    public EvidenceCharts {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        keysByProviderAndState.forEach((p, states) -> copy.put(p, Collections.unmodifiableMap(new LinkedHashMap<>(states))));
        keysByProviderAndState = Collections.unmodifiableMap(copy);
        latestSweeps = List.copyOf(latestSweeps);
        history = List.copyOf(history);
    }

    /** The latest sweep of one scope: how much of what the cloud holds the inventory already had right. */
    public record SweepCoverage(String scope, String provider, Instant finishedAt, boolean partial,
                                double inventoryCoverage, double eventCoverage) {
        public SweepCoverage {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }

    EvidenceCharts withHistory(List<EvidenceSnapshot> snapshots) {
        return new EvidenceCharts(keysByProviderAndState, latestSweeps, snapshots);
    }
}
