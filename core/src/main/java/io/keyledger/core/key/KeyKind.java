package io.keyledger.core.key;

/** Broad kind of a key. */
public enum KeyKind { SYMMETRIC, ASYMMETRIC, HMAC, UNKNOWN }
