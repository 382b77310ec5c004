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
    ANNOTATE_KEY,
    DECLARE_COMPROMISE,
    ACKNOWLEDGE_ALERT,
    MANAGE_LEGAL_HOLDS,
    MANAGE_POLICIES,
    RUN_SWEEP,
    PURGE_EXPIRED,
    INGEST_EVENTS
}
