package io.keyledger.gcp.format;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises a CryptoKeyVersionAlgorithm ({@code RSA_SIGN_PSS_3072_SHA256}) to KeyLedger's algorithm
 * names ({@code RSA-3072}); the native name is kept beside it as {@code nativeSpec}. An algorithm not
 * known here keeps its native name.
 */
public final class KeyAlgorithms {

    /** Names that are normalised as a whole. */
    private static final Map<String, String> EXACT = Map.of(
            "GOOGLE_SYMMETRIC_ENCRYPTION", "AES-256",
            "EXTERNAL_SYMMETRIC_ENCRYPTION", "AES-256",
            "EC_SIGN_P256_SHA256", "EC-P256",
            "EC_SIGN_P384_SHA384", "EC-P384",
            "EC_SIGN_SECP256K1_SHA256", "EC-SECP256K1",
            "EC_SIGN_ED25519", "Ed25519",
            "KEM_XWING", "X-Wing");

    private static final Pattern AES = Pattern.compile("AES_(128|256)_(GCM|CBC|CTR)");
    private static final Pattern RSA = Pattern.compile("RSA_[A-Z0-9_]*?_(2048|3072|4096)(_[A-Z0-9_]+)?");
    private static final Pattern HMAC = Pattern.compile("HMAC_SHA(1|224|256|384|512)");
    // The _EXTERNAL_MU variants sign a message representative computed by the caller: the same keys.
    private static final Pattern ML_DSA = Pattern.compile("PQ_SIGN_ML_DSA_(44|65|87)(?:_EXTERNAL_MU)?");
    private static final Pattern SLH_DSA = Pattern.compile("PQ_SIGN_(?:HASH_)?SLH_DSA_(SHA2_128S)(?:_SHA256)?");
    private static final Pattern ML_KEM = Pattern.compile("ML_KEM_(512|768|1024)");

    /** Native names and what they become, for the provider documentation. */
    public static final List<String> DOCUMENTED = List.of("GOOGLE_SYMMETRIC_ENCRYPTION", "AES_256_GCM",
            "AES_128_CBC", "EXTERNAL_SYMMETRIC_ENCRYPTION", "RSA_SIGN_PSS_2048_SHA256", "RSA_SIGN_PSS_3072_SHA256",
            "RSA_SIGN_PKCS1_4096_SHA512", "RSA_DECRYPT_OAEP_3072_SHA256", "EC_SIGN_P256_SHA256", "EC_SIGN_P384_SHA384",
            "EC_SIGN_SECP256K1_SHA256", "EC_SIGN_ED25519", "HMAC_SHA256", "HMAC_SHA512", "PQ_SIGN_ML_DSA_65",
            "PQ_SIGN_ML_DSA_87_EXTERNAL_MU", "PQ_SIGN_SLH_DSA_SHA2_128S", "ML_KEM_768", "ML_KEM_1024", "KEM_XWING");

    private KeyAlgorithms() {
    }

    public static String normalise(String nativeAlgorithm) {
        String exact = EXACT.get(nativeAlgorithm);
        if (exact != null) {
            return exact;
        }
        Matcher m;
        if ((m = AES.matcher(nativeAlgorithm)).matches()) {
            return "AES-" + m.group(1);
        }
        if ((m = RSA.matcher(nativeAlgorithm)).matches()) {
            return "RSA-" + m.group(1);
        }
        if ((m = HMAC.matcher(nativeAlgorithm)).matches()) {
            return "HMAC-SHA" + m.group(1);
        }
        if ((m = ML_DSA.matcher(nativeAlgorithm)).matches()) {
            return "ML-DSA-" + m.group(1);
        }
        if ((m = SLH_DSA.matcher(nativeAlgorithm)).matches()) {
            return "SLH-DSA-" + m.group(1).replace('_', '-');
        }
        if ((m = ML_KEM.matcher(nativeAlgorithm)).matches()) {
            return "ML-KEM-" + m.group(1);
        }
        return nativeAlgorithm;
    }
}
