package io.keyledger.core.report;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Anomaly policies for report tests, changed one setting at a time from the defaults. */
public final class Policies {

    private Policies() {
    }

    public static AnomalyPolicies forTenant(String tenant, AnomalyPolicy policy) {
        return new AnomalyPolicies(AnomalyPolicy.DEFAULT, Map.of(tenant, policy));
    }

    public static AnomalyPolicy maxCryptoperiod(AnomalyPolicy p, Duration max) {
        return new AnomalyPolicy(p.prematureDestruction(), p.custodians(), p.changeWindows(), p.changeReference(),
                p.burst(), p.keyPolicyLockout(), p.illegalTransition(), p.seenAfterDestruction(), p.auditGaps(),
                new AnomalyPolicy.Rotation(true, max), p.expiring(), p.repeatedFailures(), p.compromise());
    }

    public static AnomalyPolicy custodians(AnomalyPolicy p, List<String> principals) {
        return new AnomalyPolicy(p.prematureDestruction(),
                new AnomalyPolicy.Custodians(true, principals, p.custodians().actions()), p.changeWindows(),
                p.changeReference(), p.burst(), p.keyPolicyLockout(), p.illegalTransition(), p.seenAfterDestruction(),
                p.auditGaps(), p.rotationOverdue(), p.expiring(), p.repeatedFailures(), p.compromise());
    }

    public static AnomalyPolicy withoutPrematureDestruction(AnomalyPolicy p) {
        return new AnomalyPolicy(new AnomalyPolicy.PrematureDestruction(false, Duration.ofDays(30), true),
                p.custodians(), p.changeWindows(), p.changeReference(), p.burst(), p.keyPolicyLockout(),
                p.illegalTransition(), p.seenAfterDestruction(), p.auditGaps(), p.rotationOverdue(), p.expiring(),
                p.repeatedFailures(), p.compromise());
    }
}
