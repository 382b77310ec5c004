package io.keyledger.azure.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.ProtectionLevel;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a key is, from the JSON Web Key fields Key Vault reports ({@code kty}, {@code crv}, the size, and
 * {@code key_ops}): kind, normalised algorithm, native spec, protection and usage. Key material is never
 * kept: an RSA key's size may be measured from its public modulus, which is then dropped.
 */
public final class KeySpec {

    private KeySpec() {
    }

    /**
     * The spec attributes ({@code kind}, {@code algorithm}, {@code nativeSpec}, {@code protection},
     * {@code keyUsage}) of what is known; nothing for an unknown {@code kty}.
     *
     * @param managedHsm keys of a Managed HSM are HSM-protected whatever their kty says
     */
    public static Map<String, String> attributes(Optional<String> kty, Optional<String> crv, OptionalInt size,
                                                 Collection<String> keyOps, boolean managedHsm) {
        Map<String, String> out = new LinkedHashMap<>();
        kty.ifPresent(type -> {
            String t = type.trim().toUpperCase(Locale.ROOT);
            boolean hsm = managedHsm || t.endsWith("-HSM");
            String family = t.replace("-HSM", "");
            switch (family) {
                case "RSA" -> {
                    out.put(KeyAttribute.KIND.wireName(), KeyKind.ASYMMETRIC.name());
                    out.put(KeyAttribute.ALGORITHM.wireName(), size.isPresent() ? "RSA-" + size.getAsInt() : "RSA");
                }
                case "EC" -> {
                    out.put(KeyAttribute.KIND.wireName(), KeyKind.ASYMMETRIC.name());
                    out.put(KeyAttribute.ALGORITHM.wireName(), crv.map(KeySpec::curve).orElse("EC"));
                }
                case "OCT" -> {
                    out.put(KeyAttribute.KIND.wireName(), KeyKind.SYMMETRIC.name());
                    out.put(KeyAttribute.ALGORITHM.wireName(), "AES-" + (size.isPresent() ? size.getAsInt() : 256));
                }
                default -> out.put(KeyAttribute.KIND.wireName(), KeyKind.UNKNOWN.name());
            }
            out.put(KeyAttribute.NATIVE_SPEC.wireName(), type.trim() + crv.map(c -> " " + c.trim()).orElse(""));
            out.put(KeyAttribute.PROTECTION.wireName(), (hsm ? ProtectionLevel.HSM : ProtectionLevel.SOFTWARE).name());
        });
        if (kty.isEmpty() && managedHsm) {
            out.put(KeyAttribute.PROTECTION.wireName(), ProtectionLevel.HSM.name());
        }
        usage(keyOps).ifPresent(u -> out.put(KeyAttribute.KEY_USAGE.wireName(), u.name()));
        return out;
    }

    /** P-256 → EC-P256, P-256K → EC-SECP256K1. */
    static String curve(String crv) {
        String c = crv.trim().toUpperCase(Locale.ROOT);
        return switch (c) {
            case "P-256K", "SECP256K1" -> "EC-SECP256K1";
            default -> "EC-" + c.replace("-", "");
        };
    }

    /**
     * The usage {@code key_ops} allow: only sign/verify → SIGN_VERIFY; only wrap/unwrap → WRAP_UNWRAP;
     * encrypt/decrypt (with or without wrap) → ENCRYPT_DECRYPT; signing together with encryption → UNKNOWN
     * (an RSA key with Key Vault's default of all six operations says nothing about its use).
     */
    static Optional<KeyUsage> usage(Collection<String> keyOps) {
        Set<String> ops = new TreeSet<>();
        keyOps.forEach(o -> ops.add(o.trim().toLowerCase(Locale.ROOT)));
        boolean sign = ops.contains("sign") || ops.contains("verify");
        boolean encrypt = ops.contains("encrypt") || ops.contains("decrypt");
        boolean wrap = ops.contains("wrapkey") || ops.contains("unwrapkey");
        if (!sign && !encrypt && !wrap) {
            return Optional.empty();
        }
        if (sign && (encrypt || wrap)) {
            return Optional.of(KeyUsage.UNKNOWN);
        }
        if (sign) {
            return Optional.of(KeyUsage.SIGN_VERIFY);
        }
        return Optional.of(encrypt ? KeyUsage.ENCRYPT_DECRYPT : KeyUsage.WRAP_UNWRAP);
    }

    /** The bit length of an RSA public modulus given in base64url, or empty if it is not one. */
    public static OptionalInt rsaModulusBits(String base64UrlModulus) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(base64UrlModulus.trim().replace("=", "")
                    .replace('+', '-').replace('/', '_'));
            int bits = new BigInteger(1, bytes).bitLength();
            return bits == 0 ? OptionalInt.empty() : OptionalInt.of(bits);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
