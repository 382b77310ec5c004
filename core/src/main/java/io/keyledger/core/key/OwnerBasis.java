package io.keyledger.core.key;

/** Where a key's owner comes from, most authoritative first. */
public enum OwnerBasis {
    /** Set by a person through KeyLedger (an annotation): wins over tags. */
    DECLARED,
    /** Read from the first of the tenant's owner tag keys that the key carries as a tag or label. */
    TAG,
    /** Inferred: the principal that created the key, for want of a declared or tagged owner. */
    CREATOR,
    /** No owner known. */
    NONE
}
