package io.keyledger.functions.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyledger.core.report.AlgorithmProfile;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a component as the library writes it for CycloneDX 1.6 into its 1.7 form: an algorithm names its
 * {@code algorithmFamily} and {@code ellipticCurve} from the 1.7 cryptography registry (the deprecated
 * {@code curve} goes), and a key refers to its algorithm through {@code relatedCryptographicAssets} instead
 * of the deprecated {@code algorithmRef}. Everything else is the same in both versions.
 */
final class Cbom17 {

    /** The 1.7 registry's families that KeyLedger's algorithms belong to whatever the key is used for. */
    private static final Set<AlgorithmProfile.Family> FAMILY_BY_NAME = Set.of(AlgorithmProfile.Family.AES,
            AlgorithmProfile.Family.HMAC, AlgorithmProfile.Family.ML_KEM, AlgorithmProfile.Family.ML_DSA,
            AlgorithmProfile.Family.SLH_DSA, AlgorithmProfile.Family.EDDSA, AlgorithmProfile.Family.SM2);

    private Cbom17() {
    }

    /** Rewrites {@code component} (a tree of the library's 1.6 serialisation) in place. */
    static void upgrade(ObjectNode component) {
        JsonNode crypto = component.get("cryptoProperties");
        if (crypto == null || !crypto.isObject()) {
            return;
        }
        if (crypto.get("algorithmProperties") instanceof ObjectNode algorithm) {
            String primitive = algorithm.path("primitive").asText("");
            family(AlgorithmProfile.of(component.path("name").asText("")), primitive)
                    .ifPresent(f -> algorithm.put("algorithmFamily", f));
            JsonNode curve = algorithm.remove("curve");
            if (curve != null && curve.isTextual()) {
                algorithm.put("ellipticCurve", curve.asText());
            }
        }
        if (crypto.get("relatedCryptoMaterialProperties") instanceof ObjectNode material) {
            JsonNode ref = material.remove("algorithmRef");
            if (ref != null && ref.isTextual()) {
                ArrayNode related = material.putArray("relatedCryptographicAssets");
                related.addObject().put("type", "algorithm").put("ref", ref.asText());
            }
        }
    }

    /**
     * The family as the 1.7 registry spells it. An EC key's family depends on its use (ECDSA signs, ECDH
     * agrees keys); an RSA key's on its padding, which a KMS key does not fix: left out.
     */
    static Optional<String> family(AlgorithmProfile p, String primitive) {
        if (FAMILY_BY_NAME.contains(p.family())) {
            return Optional.of(switch (p.family()) {
                case AES -> "AES";
                case HMAC -> "HMAC";
                case ML_KEM -> "ML-KEM";
                case ML_DSA -> "ML-DSA";
                case SLH_DSA -> "SLH-DSA";
                case EDDSA -> "EdDSA";
                default -> "SM2";
            });
        }
        if (p.family() == AlgorithmProfile.Family.EC) {
            return switch (primitive) {
                case "signature" -> Optional.of("ECDSA");
                case "key-agree" -> Optional.of("ECDH");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
