package io.keyledger.core.alert;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
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
import java.util.Optional;

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
        this.windows = new WindowRules(store, store);
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

    /**
     * The premature-destruction alerts that uses arriving after a change now call for: {@code changes} are the key's
     * changes judged again, each against {@code record}, whose usage includes those uses.
     */
    public List<Alert> onLaterUse(String tenant, CryptoAsset record, List<KeyEvent> changes) {
        AnomalyPolicy policy = policies.forTenant(tenant);
        Instant now = clock.instant();
        List<Alert> out = new ArrayList<>();
        for (KeyEvent change : changes) {
            out.addAll(EventRules.prematureDestruction(tenant, policy,
                    new AppliedEvent(change, Optional.of(record), Optional.of(record), Optional.empty()), now));
        }
        return out;
    }

    /** Whether an action takes a key out of use (disabling it, asking for or carrying out its destruction). */
    public static boolean takesOutOfUse(Action action) {
        return EventRules.takesOutOfUse(action);
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
