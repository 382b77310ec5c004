package io.keyledger.core.key;

/** Where a key's responsible party comes from. */
public enum ResponsibilityBasis {
    /** Set for this key by a person through KeyLedger: no rule changes it until it is cleared. */
    OVERRIDE,
    /** Decided by the first of the tenant's responsibility rules that matches the key. */
    RULE,
    /** No rule matched: the key's manager and origin are not known yet. */
    NONE
}
