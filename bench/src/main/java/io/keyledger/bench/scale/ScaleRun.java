package io.keyledger.bench.scale;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.OperationClass;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.PacingStats;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepRunner;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.sweep.GeneratedKeys;
import io.keyledger.testkit.sweep.QuotaEnforcingKeySource;
import io.keyledger.testkit.sweep.WindowStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's three passes over one simulated provider into one store: a first sweep that finds
 * every key untracked and records it, a second that should confirm every key and correct nothing, and,
 * after a share of the keys is deleted at the provider, a third whose missing-key check describes each
 * deleted key before marking it destroyed.
 *
 * <p>Everything a production sweep uses is real: {@link PacedKeySource} on the system clock with the
 * threads sleeper, the {@link SweepRunner}, {@link Reconciler} and {@link InventoryService}. Only the
 * provider is simulated, and it enforces its quotas on the real clock.
 */
final class ScaleRun {

    static final String TENANT = "default";
    static final double MB = 1024.0 * 1024.0;

    /** The passes' figures, and the keys the third pass should and did find missing. */
    record Result(double generateSeconds, List<PassFigures> passes, Set<String> removed, Set<String> foundMissing) {

        /**
         * How the passes differ from what a correct sweep does: the first finds every key untracked, the
         * second confirms every key and corrects nothing, the third finds exactly the deleted keys missing
         * and confirms the rest, and no scope is cut short. Empty when all is well.
         */
        List<String> problems() {
            List<String> out = new ArrayList<>();
            PassFigures first = passes.get(0);
            PassFigures second = passes.get(1);
            PassFigures third = passes.get(2);
            expect(out, first, KeyClass.UNTRACKED, first.keys());
            expect(out, second, KeyClass.CONFIRMED, second.keys());
            expect(out, third, KeyClass.MISSING, removed.size());
            expect(out, third, KeyClass.CONFIRMED, third.keys() - removed.size());
            if (second.corrections() != 0) {
                out.add("second sweep: " + second.corrections() + " corrections, expected none");
            }
            if (!foundMissing.equals(removed)) {
                out.add("after deletions: the keys found missing are not the " + removed.size() + " deleted");
            }
            for (PassFigures p : passes) {
                if (p.partialScopes() > 0 || p.givenUp() > 0) {
                    out.add(p.name() + ": " + p.partialScopes() + " partial scopes, " + p.givenUp()
                            + " calls throttled past the retry budget");
                }
            }
            return out;
        }

        private static void expect(List<String> out, PassFigures p, KeyClass keyClass, long expected) {
            if (p.count(keyClass) != expected) {
                out.add(p.name() + ": " + p.count(keyClass) + " " + keyClass + " keys, expected " + expected
                        + " (classes " + p.classes() + ")");
            }
        }
    }

    /** One pass's figures and its per-scope outcomes. */
    private record Pass(PassFigures figures, List<SweepOutcome> outcomes) {
    }

    private final ScaleOptions options;
    private final HeapWatch heap;
    private final List<QuotaEnforcingKeySource> providers;
    private final StoreTimer timer;
    private final SweepRunner runner;
    private final PacingPolicy policy;
    /** The real clock, which the provider's quotas and the paced sources run on. */
    private final Clock clock = CoreServices.systemClock();
    /** Backoff jitter, shared by every scope's pacing as a sweep process would share it. */
    private final Random jitter;

    private ScaleRun(ScaleOptions options, InventoryStore store, HeapWatch heap,
                     List<QuotaEnforcingKeySource> providers) {
        this.options = options;
        this.heap = heap;
        this.providers = providers;
        this.timer = new StoreTimer(store);
        // Every scope in one tenant, resolved by the runner as each scope starts; no anomaly rules, as measured.
        CoreServices services = CoreServices.of(timer.store(), clock,
                CoreSettings.DEFAULTS.withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection());
        this.runner = services.sweepRunner(options.parallelism());
        this.policy = new PacingPolicy(options.listQuota(), options.describeQuota(), false, options.quotaShare(),
                PacingPolicy.DEFAULT_MAX_RETRIES, PacingPolicy.DEFAULT_BASE_BACKOFF, PacingPolicy.DEFAULT_MAX_BACKOFF);
        this.jitter = new Random(options.seed());
    }

    /** Runs the three passes into {@code store}, which should be empty. */
    static Result run(ScaleOptions options, InventoryStore store) {
        try (HeapWatch heap = new HeapWatch()) {
            long start = System.nanoTime();
            List<QuotaEnforcingKeySource> providers = providers(options);
            double generateSeconds = (System.nanoTime() - start) / 1e9;
            ScaleRun run = new ScaleRun(options, store, heap, providers);
            PassFigures first = run.pass("first sweep", "scale-1").figures();
            PassFigures second = run.pass("second sweep", "scale-2").figures();
            Set<String> removed = run.removeKeys();
            Pass third = run.pass("after deletions", "scale-3");
            return new Result(generateSeconds, List.of(first, second, third.figures()), removed,
                    missing(third.outcomes()));
        }
    }

    /** The simulated provider: one source per scope, the keys spread evenly. */
    private static List<QuotaEnforcingKeySource> providers(ScaleOptions options) {
        Random random = new Random(options.seed());
        List<QuotaEnforcingKeySource> out = new ArrayList<>();
        for (int i = 0; i < options.scopes(); i++) {
            int count = options.keys() / options.scopes() + (i < options.keys() % options.scopes() ? 1 : 0);
            List<ObservedKey> keys = GeneratedKeys.of(GeneratedKeys.scope(i), count, random);
            out.add(new QuotaEnforcingKeySource(GeneratedKeys.scope(i), keys, options.pageSize(),
                    options.listQuota(), options.describeQuota()));
        }
        return out;
    }

    private Pass pass(String name, String sweepId) {
        List<KeySource> paced = new ArrayList<>();
        for (QuotaEnforcingKeySource provider : providers) {
            paced.add(PacedKeySource.paced(provider, policy, clock, Sleeper.threads(), jitter));
            provider.drain(OperationClass.LIST);
            provider.drain(OperationClass.DESCRIBE);
        }
        for (StoreTimer.Part part : StoreTimer.Part.values()) {
            timer.drainSeconds(part);
        }
        timer.drainConflicts();
        heap.takePeakBytes();
        long start = System.nanoTime();
        List<SweepOutcome> outcomes = runner.sweep(sweepId, paced);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.takePeakBytes();
        List<WindowStats> lists = new ArrayList<>();
        List<WindowStats> describes = new ArrayList<>();
        for (QuotaEnforcingKeySource provider : providers) {
            lists.add(provider.drain(OperationClass.LIST));
            describes.add(provider.drain(OperationClass.DESCRIBE));
        }
        PacingStats pacing = pacing(outcomes);
        List<SweepReport> reports = outcomes.stream().map(SweepOutcome::report).toList();
        PassFigures figures = new PassFigures(name,
                reports.stream().mapToLong(r -> r.keys().size()).sum(),
                classes(reports),
                reports.stream().mapToLong(SweepReport::corrections).sum(),
                (int) outcomes.stream().filter(o -> !o.complete()).count(),
                seconds,
                PassFigures.Calls.of(lists, options.listQuota()),
                PassFigures.Calls.of(describes, options.describeQuota()),
                pacing.retries(), pacing.givenUp(),
                timeSplit(reports, pacing), timer.drainConflicts(),
                peak / MB, heap.usedAfterGcBytes() / MB);
        return new Pass(figures, outcomes);
    }

    private PassFigures.TimeSplit timeSplit(List<SweepReport> reports, PacingStats pacing) {
        double sweeping = reports.stream().mapToLong(r -> r.duration().toNanos()).sum() / 1e9;
        return new PassFigures.TimeSplit(sweeping, pacing.waited().toNanos() / 1e9,
                timer.drainSeconds(StoreTimer.Part.LOOKUP), timer.drainSeconds(StoreTimer.Part.SCAN),
                timer.drainSeconds(StoreTimer.Part.APPLY));
    }

    /** Deletes the configured share of each scope's keys at the provider; returns their ids. */
    private Set<String> removeKeys() {
        Random random = new Random(options.seed() + 1);
        Set<String> removed = new TreeSet<>();
        for (QuotaEnforcingKeySource provider : providers) {
            List<ObservedKey> keys = new ArrayList<>(provider.keys());
            Collections.shuffle(keys, random);
            int count = (int) Math.round(keys.size() * options.removeShare());
            Set<String> ids = new HashSet<>();
            keys.subList(0, count).forEach(k -> ids.add(k.ref().id()));
            provider.remove(ids);
            removed.addAll(ids);
        }
        return removed;
    }

    private static Map<KeyClass, Long> classes(List<SweepReport> reports) {
        Map<KeyClass, Long> out = new EnumMap<>(KeyClass.class);
        for (KeyClass c : KeyClass.values()) {
            out.put(c, 0L);
        }
        reports.forEach(r -> r.counts().forEach((c, n) -> out.merge(c, n, Long::sum)));
        return out;
    }

    private static PacingStats pacing(List<SweepOutcome> outcomes) {
        PacingStats total = PacingStats.NONE;
        for (SweepOutcome o : outcomes) {
            PacingStats p = o.pacing().orElse(PacingStats.NONE);
            total = new PacingStats(total.calls() + p.calls(), total.retries() + p.retries(),
                    total.givenUp() + p.givenUp(), total.quotaWait().plus(p.quotaWait()),
                    total.backoffWait().plus(p.backoffWait()));
        }
        return total;
    }

    private static Set<String> missing(List<SweepOutcome> outcomes) {
        Set<String> out = new TreeSet<>();
        for (SweepOutcome o : outcomes) {
            o.report().keys().stream().filter(k -> k.keyClass() == KeyClass.MISSING).map(SweptKey::keyId)
                    .forEach(out::add);
        }
        return out;
    }
}
