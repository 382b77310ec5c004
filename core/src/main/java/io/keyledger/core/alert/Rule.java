package io.keyledger.core.alert;

/**
 * The anomaly rules, each with its id (as used in alerts, policy files and docs/ALERTS.md) and its
 * severity. Severities are fixed so that every tenant's alerts mean the same thing to a reader.
 */
public enum Rule {
    PREMATURE_DESTRUCTION("premature-destruction", Severity.HIGH),
    UNAUTHORISED_CHANGE("unauthorised-change", Severity.HIGH),
    OUTSIDE_CHANGE_WINDOW("outside-change-window", Severity.MEDIUM),
    MISSING_CHANGE_REFERENCE("missing-change-reference", Severity.LOW),
    DESTRUCTIVE_BURST("destructive-burst", Severity.HIGH),
    KEY_POLICY_LOCKOUT("key-policy-lockout", Severity.CRITICAL),
    ILLEGAL_TRANSITION("illegal-transition", Severity.CRITICAL),
    SEEN_AFTER_DESTRUCTION("seen-after-destruction", Severity.HIGH),
    UNTRACKED_KEY("untracked-key", Severity.MEDIUM),
    DESTRUCTION_NOT_OBSERVED("destruction-not-observed", Severity.HIGH),
    ROTATION_OVERDUE("rotation-overdue", Severity.MEDIUM),
    EXPIRING("expiring", Severity.MEDIUM),
    REPEATED_FAILURES("repeated-failures", Severity.HIGH),
    COMPROMISE_DECLARED("compromise-declared", Severity.CRITICAL);

    private final String id;
    private final Severity severity;

    Rule(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }
}
