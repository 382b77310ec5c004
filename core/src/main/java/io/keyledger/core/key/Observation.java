package io.keyledger.core.key;

/**
 * How completely KeyLedger could read a key. A key whose details could not be read (its key policy
 * denies describe, say) stays in the inventory as {@link #PARTIAL}.
 */
public enum Observation { FULL, PARTIAL }
