package io.keyledger.core.sweep;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The token buckets of one provider quota: one per operation class, or one for both when the provider
 * counts lists and reads together. A quota belongs to what the provider meters (an AWS account and
 * region, a Google project, an Azure vault), which can be wider than a sweep scope: every location of a
 * Google project is metered together, so the key sources of those scopes must share one instance, or
 * their parallel sweeps would together exceed the quota.
 */
public final class PacingQuota {

    /**
     * One token: requests are spaced evenly rather than let through in bursts. A sweep is long, so a
     * burst gains little, and a burst is what a provider's per-second enforcement throttles first.
     */
    private static final double CAPACITY = 1;

    private final PacingPolicy policy;
    private final Map<OperationClass, TokenBucket> buckets = new EnumMap<>(OperationClass.class);

    public PacingQuota(PacingPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        if (policy.sharedQuota()) {
            TokenBucket shared = new TokenBucket(policy.ratePerSecond(OperationClass.LIST), CAPACITY, clock);
            for (OperationClass c : OperationClass.values()) {
                buckets.put(c, shared);
            }
        } else {
            for (OperationClass c : OperationClass.values()) {
                buckets.put(c, new TokenBucket(policy.ratePerSecond(c), CAPACITY, clock));
            }
        }
    }

    public PacingPolicy policy() {
        return policy;
    }

    public TokenBucket bucket(OperationClass operation) {
        return buckets.get(operation);
    }
}
