package io.keyledger.core.access;

/** Everything a caller can ask of KeyLedger, for access control. */
public enum Operation {
    READ_INVENTORY,
    READ_HISTORY,
    READ_LEDGER,
    VERIFY_LEDGER,
    READ_REPORTS,
    READ_ALERTS,
    READ_SWEEPS,
    READ_LEGAL_HOLDS,
    /** Who holds which role, the requests refused and the access reviews. */
    READ_ACCESS,
    ANNOTATE_KEY,
    DECLARE_COMPROMISE,
    ACKNOWLEDGE_ALERT,
    MANAGE_LEGAL_HOLDS,
    MANAGE_POLICIES,
    /** Attest that who holds which role was reviewed. */
    REVIEW_ACCESS,
    /** Sign and hand out the tenant's coordination feed. */
    EXPORT_FEED,
    /** Record a partner's signed feed. */
    IMPORT_FEED,
    RUN_SWEEP,
    PURGE_EXPIRED,
    INGEST_EVENTS
}
