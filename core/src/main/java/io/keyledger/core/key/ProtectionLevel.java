package io.keyledger.core.key;

/** Where the key material lives. */
public enum ProtectionLevel { SOFTWARE, HSM, EXTERNAL, UNKNOWN }
