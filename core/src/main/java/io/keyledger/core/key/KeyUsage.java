package io.keyledger.core.key;

/** What a key may be used for, across the providers' vocabularies. */
public enum KeyUsage { ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT, WRAP_UNWRAP,
    /** A key encapsulation mechanism (ML-KEM): AWS ENCAPSULATE_DECAPSULATE, Google KEY_ENCAPSULATION. */
    KEY_ENCAPSULATION, UNKNOWN }
