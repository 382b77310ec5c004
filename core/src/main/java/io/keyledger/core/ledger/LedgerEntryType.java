package io.keyledger.core.ledger;

/** What a ledger record attests. */
public enum LedgerEntryType {
    /** An event was accepted (the payload is the event). */
    EVENT_ACCEPTED,
    /** A key's inventory record changed (state, attributes) because of an event. */
    ASSET_CHANGED,
    LEGAL_HOLD_PLACED,
    LEGAL_HOLD_LIFTED,
    RETENTION_POLICY_SET,
    /** Expired records were purged; the payload lists the ledger runs removed and their hashes. */
    RETENTION_PURGED,
    /** An anomaly rule raised an alert (the payload is the alert), so that alerts are tamper-evident too. */
    ALERT_RAISED,
    /** A person acknowledged an alert (the payload names the alert, who and when). */
    ALERT_ACKNOWLEDGED,
    /** A key store's or HSM's inventory record changed (the payload names it and hashes the new record). */
    KEY_STORE_CHANGED,
    /** A person started a sweep (the payload names the sweep, who and when); its corrections follow as events. */
    SWEEP_REQUESTED
}
