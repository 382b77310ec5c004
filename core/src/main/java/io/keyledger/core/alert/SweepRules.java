package io.keyledger.core.alert;

import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweptKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audit gaps a sweep found: keys the cloud holds that no event told us of, and keys gone from the
 * cloud without a destruction event. The condition is the key alone: once a key has been reported
 * untracked (or its destruction unobserved), later sweeps have nothing new to say about it.
 */
final class SweepRules {

    private SweepRules() {
    }

    static List<Alert> evaluate(AnomalyPolicy policy, SweepReport report, Instant raisedAt) {
        List<Alert> out = new ArrayList<>();
        if (!policy.auditGaps().enabled()) {
            return out;
        }
        for (SweptKey k : report.keys()) {
            if (k.keyClass() == KeyClass.UNTRACKED) {
                out.add(Alert.open(report.tenant(), Rule.UNTRACKED_KEY, Optional.of(k.keyId()), List.of(),
                        k.keyId() + " is in " + report.scope().id() + " but no audit event about it was ever seen"
                                + " (sweep " + report.sweepId() + ")", k.keyId(), raisedAt));
            } else if (k.keyClass() == KeyClass.MISSING) {
                out.add(Alert.open(report.tenant(), Rule.DESTRUCTION_NOT_OBSERVED, Optional.of(k.keyId()), List.of(),
                        k.keyId() + " is gone from " + report.scope().id() + " without a destruction event in the"
                                + " audit trail (sweep " + report.sweepId() + ")", k.keyId(), raisedAt));
            }
        }
        return out;
    }
}
