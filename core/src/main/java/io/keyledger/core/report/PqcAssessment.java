package io.keyledger.core.report;

import io.keyledger.core.key.KeyUsage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one key's algorithm stands in the transition to post-quantum cryptography, after NIST IR 8547
 * (initial public draft, November 2024), "Transition to Post-Quantum Cryptography Standards", tables 2
 * and 4: quantum-vulnerable digital signature (ECDSA, EdDSA, RSA) and key-establishment (finite-field
 * and elliptic-curve DH and MQV, RSA) schemes at 112 bits of security are deprecated after 2030, and
 * every one of them, at any strength, is disallowed after 2035. Below 112 bits they are disallowed
 * already (SP 800-131A Rev. 2). The draft sets no date for symmetric algorithms, HMAC, or the
 * post-quantum ML-KEM (FIPS 203), ML-DSA (FIPS 204) and SLH-DSA (FIPS 205).
 *
 * @param deprecatedAfter the last year the algorithm is acceptable without reservation (2030), if the
 *                        draft deprecates it before disallowing it
 * @param disallowedAfter the last year the algorithm may be used at all (2035)
 * @param replacement     the post-quantum standard that replaces it for the key's usage
 */
public record PqcAssessment(AlgorithmProfile algorithm, Optional<Integer> deprecatedAfter,
                            Optional<Integer> disallowedAfter, Status status, Optional<String> replacement,
                            String note) {

    public static final int DEPRECATED_AFTER = 2030;
    public static final int DISALLOWED_AFTER = 2035;
    public static final String SOURCE = "NIST IR 8547 ipd (November 2024), tables 2 and 4";

    /** The algorithm's standing on the day of the report. */
    public enum Status {
        /** Not broken by a quantum computer; no transition date. */
        NOT_VULNERABLE,
        /** Quantum-vulnerable, still acceptable today; see the dates. */
        ACCEPTABLE,
        /** Quantum-vulnerable and past its deprecation year. */
        DEPRECATED,
        /** Quantum-vulnerable and past its disallowance year, or too weak already. */
        DISALLOWED,
        /** Quantum-vulnerable, but no NIST date applies (a scheme NIST does not approve, such as SM2). */
        VULNERABLE_NO_DATE,
        /** An algorithm KeyLedger does not know: check it by hand. */
        UNKNOWN
    }

    public PqcAssessment {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(deprecatedAfter, "deprecatedAfter");
        Objects.requireNonNull(disallowedAfter, "disallowedAfter");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(note, "note");
    }

    /** Assesses an algorithm used for {@code usage}, on the date of {@code now} (UTC). */
    public static PqcAssessment of(String algorithm, KeyUsage usage, Instant now) {
        AlgorithmProfile p = AlgorithmProfile.of(algorithm);
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        switch (p.exposure()) {
            case NOT_VULNERABLE:
                return new PqcAssessment(p, Optional.empty(), Optional.empty(), Status.NOT_VULNERABLE, Optional.empty(),
                        notVulnerableNote(p));
            case UNKNOWN:
                return new PqcAssessment(p, Optional.empty(), Optional.empty(), Status.UNKNOWN, Optional.empty(),
                        "algorithm not recognised: assess by hand");
            default:
                break;
        }
        Optional<String> replacement = Optional.of(replacementFor(usage));
        if (p.family() == AlgorithmProfile.Family.SM2) {
            return new PqcAssessment(p, Optional.empty(), Optional.empty(), Status.VULNERABLE_NO_DATE, replacement,
                    "quantum-vulnerable elliptic-curve scheme; not NIST-approved, so IR 8547 sets no date");
        }
        if (p.classicalBits().isPresent() && p.classicalBits().getAsInt() < 112
                || p.classicalBits().isEmpty() && p.keyBits().isPresent()) {
            return new PqcAssessment(p, Optional.empty(), Optional.empty(), Status.DISALLOWED, replacement,
                    "less than 112 bits of security: disallowed already (SP 800-131A Rev. 2)");
        }
        if (p.classicalBits().isEmpty()) {
            return new PqcAssessment(p, Optional.empty(), Optional.of(DISALLOWED_AFTER), status(year, false), replacement,
                    "key size unknown: disallowed after " + DISALLOWED_AFTER + ", and deprecated after "
                            + DEPRECATED_AFTER + " if it provides 112 bits");
        }
        boolean bits112 = p.classicalBits().getAsInt() == 112;
        return new PqcAssessment(p, bits112 ? Optional.of(DEPRECATED_AFTER) : Optional.empty(),
                Optional.of(DISALLOWED_AFTER), status(year, bits112), replacement,
                bits112 ? "112-bit security: deprecated after " + DEPRECATED_AFTER + ", disallowed after " + DISALLOWED_AFTER
                        : p.classicalBits().getAsInt() + "-bit security: disallowed after " + DISALLOWED_AFTER);
    }

    private static Status status(int year, boolean deprecatedFirst) {
        if (year > DISALLOWED_AFTER) {
            return Status.DISALLOWED;
        }
        return deprecatedFirst && year > DEPRECATED_AFTER ? Status.DEPRECATED : Status.ACCEPTABLE;
    }

    private static String replacementFor(KeyUsage usage) {
        return switch (usage) {
            case SIGN_VERIFY -> "ML-DSA (FIPS 204) or SLH-DSA (FIPS 205)";
            case ENCRYPT_DECRYPT, KEY_AGREEMENT, WRAP_UNWRAP, KEY_ENCAPSULATION -> "ML-KEM (FIPS 203)";
            default -> "ML-KEM (FIPS 203) for encryption and key establishment, ML-DSA (FIPS 204) for signatures";
        };
    }

    private static String notVulnerableNote(AlgorithmProfile p) {
        return switch (p.family()) {
            case AES -> "symmetric: no transition date in IR 8547";
            case HMAC -> "message authentication with a symmetric key: no transition date in IR 8547";
            case HYBRID_KEM -> "hybrid of ML-KEM-768 and X25519: quantum-resistant through ML-KEM";
            default -> "post-quantum algorithm";
        };
    }

    public boolean quantumVulnerable() {
        return algorithm.quantumVulnerable();
    }
}
