package io.keyledger.functions.auth;

/** Which claim of a verified token names the caller. */
public enum IdentityClaim {
    /** {@code sub}, qualified by the issuer: the principal id is {@code <issuer>#<sub>}. */
    SUBJECT,
    /**
     * {@code email}, accepted only with {@code email_verified} true: the principal id is the address.
     * For issuers that vouch for email addresses, such as Google.
     */
    VERIFIED_EMAIL
}
