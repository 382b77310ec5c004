package io.keyledger.core.alert;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates the anomaly rules and returns candidate alerts; it stores nothing (see {@link AlertService}).
 * Candidates of a condition already alerted are expected: the store's dedup drops them.
 */
public final class AnomalyDetector {

    private final AnomalyPolicies policies;
    private final InventoryStore store;
    private final Clock clock;
    private final WindowRules windows;

    public AnomalyDetector(AnomalyPolicies policies, InventoryStore store, Clock clock) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = new WindowRules(store);
    }

    public AnomalyPolicies policies() {
        return policies;
    }

    /** Alerts an applied event raises (the event must already be stored, for the windowed rules). */
    public List<Alert> onEvent(String tenant, AppliedEvent applied) {
        AnomalyPolicy policy = policies.forTenant(tenant);
        if (EventRules.quietUse(policy, applied)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Alert> out = new ArrayList<>(EventRules.evaluate(tenant, policy, applied, now));
        out.addAll(windows.evaluate(tenant, policy, applied, now));
        return out;
    }

    /** Whether the tenant's policy has a rule that watches cryptographic uses (custodians, windows, references). */
    public boolean watchesUses(String tenant) {
        return EventRules.watchesUses(policies.forTenant(tenant));
    }

    /** Audit-gap alerts of a sweep report. */
    public List<Alert> onSweep(SweepReport report) {
        return SweepRules.evaluate(policies.forTenant(report.tenant()), report, clock.instant());
    }

    /** The time-based rules over every key of the tenant, as of {@code now}. */
    public List<Alert> review(String tenant, Instant now) {
        AnomalyPolicy policy = policies.forTenant(tenant);
        List<Alert> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<CryptoAsset> assets = store.assets(tenant, AssetQuery.ALL, page);
            for (CryptoAsset key : assets.items()) {
                out.addAll(InventoryReview.review(policy, key, now));
            }
            if (assets.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(assets.nextCursor().get());
        }
    }
}
