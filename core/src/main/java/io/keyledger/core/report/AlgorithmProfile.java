package io.keyledger.core.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What KeyLedger knows of a normalised algorithm name ("AES-256", "RSA-3072", "EC-P256", "ML-DSA-65"):
 * its family, key size, curve, parameter set, classical security strength (NIST SP 800-57 Part 1 Rev. 5,
 * table 2) and NIST post-quantum security category, and whether a quantum computer breaks it.
 *
 * @param keyBits          key length in bits, where the name tells it
 * @param curve            the elliptic curve ("P-256", "secp256k1", "Ed25519", "SM2")
 * @param parameterSet     the parameter set as CycloneDX names it ("256" of AES-256, "65" of ML-DSA-65)
 * @param classicalBits    security strength in bits against classical attacks
 * @param quantumCategory  NIST PQC security category 1 to 5 (AES-128 key search is category 1); 0 for
 *                         an algorithm a quantum computer breaks
 */
public record AlgorithmProfile(String name, Family family, OptionalInt keyBits, Optional<String> curve,
                               Optional<String> parameterSet, OptionalInt classicalBits,
                               OptionalInt quantumCategory, QuantumExposure exposure) {

    public enum Family { AES, RSA, EC, EDDSA, SM2, HMAC, ML_KEM, ML_DSA, SLH_DSA, HYBRID_KEM, UNKNOWN }

    /** Whether Shor's algorithm on a large quantum computer breaks the algorithm. */
    public enum QuantumExposure { VULNERABLE, NOT_VULNERABLE, UNKNOWN }

    private static final Pattern SIZED = Pattern.compile("(AES|RSA|HMAC-SHA|ML-KEM|ML-DSA)-?(\\d+)");
    private static final Pattern EC_NIST = Pattern.compile("EC-P(224|256|384|521)");
    private static final Pattern SLH_DSA = Pattern.compile("SLH-DSA-(SHA2|SHAKE)-(128|192|256)([SF])");

    public AlgorithmProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(keyBits, "keyBits");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(parameterSet, "parameterSet");
        Objects.requireNonNull(classicalBits, "classicalBits");
        Objects.requireNonNull(quantumCategory, "quantumCategory");
        Objects.requireNonNull(exposure, "exposure");
    }

    /** The profile of a normalised algorithm name; {@link Family#UNKNOWN} for a name it does not know. */
    public static AlgorithmProfile of(String algorithm) {
        String name = algorithm == null ? "" : algorithm.trim();
        String upper = name.toUpperCase(Locale.ROOT);
        Matcher m = SIZED.matcher(upper);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "AES" -> new AlgorithmProfile(name, Family.AES, OptionalInt.of(n), Optional.empty(),
                        Optional.of(Integer.toString(n)), OptionalInt.of(n), aesCategory(n), QuantumExposure.NOT_VULNERABLE);
                case "RSA" -> new AlgorithmProfile(name, Family.RSA, OptionalInt.of(n), Optional.empty(),
                        Optional.of(Integer.toString(n)), rsaStrength(n), OptionalInt.of(0), QuantumExposure.VULNERABLE);
                case "HMAC-SHA" -> new AlgorithmProfile(name, Family.HMAC, OptionalInt.of(n), Optional.empty(),
                        Optional.of(Integer.toString(n)), OptionalInt.empty(), OptionalInt.empty(),
                        QuantumExposure.NOT_VULNERABLE);
                case "ML-KEM" -> postQuantum(name, Family.ML_KEM, n, switch (n) {
                    case 512 -> 1;
                    case 768 -> 3;
                    case 1024 -> 5;
                    default -> -1;
                });
                default -> postQuantum(name, Family.ML_DSA, n, switch (n) {
                    case 44 -> 2;
                    case 65 -> 3;
                    case 87 -> 5;
                    default -> -1;
                });
            };
        }
        Matcher ec = EC_NIST.matcher(upper);
        if (ec.matches()) {
            int bits = Integer.parseInt(ec.group(1));
            int strength = switch (bits) {
                case 224 -> 112;
                case 256 -> 128;
                case 384 -> 192;
                default -> 256;
            };
            return curveBased(name, Family.EC, bits, "P-" + bits, strength);
        }
        Matcher slh = SLH_DSA.matcher(upper);
        if (slh.matches()) {
            int level = Integer.parseInt(slh.group(2));
            String set = slh.group(1) + "-" + level + slh.group(3).toLowerCase(Locale.ROOT);
            return new AlgorithmProfile(name, Family.SLH_DSA, OptionalInt.empty(), Optional.empty(), Optional.of(set),
                    OptionalInt.empty(), OptionalInt.of(level == 128 ? 1 : level == 192 ? 3 : 5),
                    QuantumExposure.NOT_VULNERABLE);
        }
        return switch (upper) {
            case "EC-SECP256K1" -> curveBased(name, Family.EC, 256, "secp256k1", 128);
            case "ED25519" -> curveBased(name, Family.EDDSA, 256, "Ed25519", 128);
            case "ED448" -> curveBased(name, Family.EDDSA, 448, "Ed448", 224);
            case "SM2" -> curveBased(name, Family.SM2, 256, "SM2", 128);
            case "RSA" -> new AlgorithmProfile(name, Family.RSA, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                    OptionalInt.empty(), OptionalInt.of(0), QuantumExposure.VULNERABLE);
            case "EC" -> new AlgorithmProfile(name, Family.EC, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                    OptionalInt.empty(), OptionalInt.of(0), QuantumExposure.VULNERABLE);
            // X-Wing: ML-KEM-768 combined with X25519; secure while either part is.
            case "X-WING" -> new AlgorithmProfile(name, Family.HYBRID_KEM, OptionalInt.empty(), Optional.empty(),
                    Optional.of("ML-KEM-768+X25519"), OptionalInt.of(128), OptionalInt.of(3), QuantumExposure.NOT_VULNERABLE);
            default -> new AlgorithmProfile(name, Family.UNKNOWN, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                    OptionalInt.empty(), OptionalInt.empty(), QuantumExposure.UNKNOWN);
        };
    }

    private static AlgorithmProfile curveBased(String name, Family family, int bits, String curve, int strength) {
        return new AlgorithmProfile(name, family, OptionalInt.of(bits), Optional.of(curve), Optional.empty(),
                OptionalInt.of(strength), OptionalInt.of(0), QuantumExposure.VULNERABLE);
    }

    private static AlgorithmProfile postQuantum(String name, Family family, int set, int category) {
        return new AlgorithmProfile(name, family, OptionalInt.empty(), Optional.empty(),
                Optional.of(Integer.toString(set)), OptionalInt.empty(),
                category > 0 ? OptionalInt.of(category) : OptionalInt.empty(), QuantumExposure.NOT_VULNERABLE);
    }

    private static OptionalInt aesCategory(int bits) {
        return switch (bits) {
            case 128 -> OptionalInt.of(1);
            case 192 -> OptionalInt.of(3);
            case 256 -> OptionalInt.of(5);
            default -> OptionalInt.empty();
        };
    }

    /** SP 800-57 Part 1 Rev. 5, table 2: the strength a modulus length provides at least. */
    private static OptionalInt rsaStrength(int bits) {
        if (bits >= 15360) {
            return OptionalInt.of(256);
        } else if (bits >= 7680) {
            return OptionalInt.of(192);
        } else if (bits >= 3072) {
            return OptionalInt.of(128);
        } else if (bits >= 2048) {
            return OptionalInt.of(112);
        } else if (bits >= 1024) {
            return OptionalInt.of(80);
        }
        return OptionalInt.empty();
    }

    public boolean quantumVulnerable() {
        return exposure == QuantumExposure.VULNERABLE;
    }
}
