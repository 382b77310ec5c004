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
    SWEEP_REQUESTED,
    /** A run of the ledger moved to the archive tier (the payload is the signed segment descriptor). */
    SEGMENT_ARCHIVED,
    /**
     * A key's record as it stands, attested again because the last record attesting it is about to pass its
     * retention (the payload: revision and record digest), so that a long-lived key stays verifiable.
     */
    ASSET_ATTESTED,
    /**
     * The CEK-21 evidence as it stood when it was read (the payload: when, the overall verdict and each
     * guideline's), so that the verdicts over time are themselves tamper-evident.
     */
    EVIDENCE_RECORDED,
    /** A local API token was issued (the payload: subject, roles in this tenant, when, until when, token id). */
    TOKEN_ISSUED,
    /**
     * Requests in this tenant that access control refused (the payload: principal, operation, decision, how
     * many since the last such record, first and last); repeated refusals are counted into one record a minute.
     */
    ACCESS_REFUSED,
    /** A person reviewed who holds which role (the payload: who, a note, and the grants they reviewed). */
    ACCESS_REVIEWED,
    /** A signed coordination feed was exported (the payload: feed id, partner, range, counts, digest, key id, who). */
    FEED_EXPORTED,
    /** A partner's signed feed was verified and its keys recorded as partner-held (the payload names them). */
    FEED_IMPORTED;

    /**
     * Whether records of this type are kept whatever the retention period: they say what retention itself
     * was (policies, holds) and what left the ledger (purges, archived segments), which verification needs
     * for as long as the ledger exists.
     */
    public boolean keptForever() {
        return switch (this) {
            case RETENTION_PURGED, RETENTION_POLICY_SET, LEGAL_HOLD_PLACED, LEGAL_HOLD_LIFTED, SEGMENT_ARCHIVED -> true;
            default -> false;
        };
    }
}
