package io.keyledger.core.key;

/** How the key material came to be. */
public enum KeyOrigin { GENERATED, IMPORTED, EXTERNAL, UNKNOWN }
