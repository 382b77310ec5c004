package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.ProtectionLevel;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The key-level attributes a CryptoKey resource gives, in KeyLedger's attribute vocabulary: shared by
 * the decoders (CreateCryptoKey, UpdateCryptoKey) and the snapshot reader, so that both say the same.
 */
public final class CryptoKeyAttributes {

    private CryptoKeyAttributes() {
    }

    /**
     * Everything a complete CryptoKey says: kind and usage from its purpose, algorithm and protection from
     * its version template, origin, manager, labels as tags, rotation and creation time.
     */
    public static Map<String, String> of(RecordFields key) {
        Map<String, String> out = new LinkedHashMap<>();
        key.text("purpose").ifPresent(p -> purpose(p, out));
        key.object("versionTemplate").ifPresent(t -> versionTemplate(t, out));
        if (key.bool("importOnly").orElse(false)) {
            out.put(KeyAttribute.ORIGIN.wireName(), KeyOrigin.IMPORTED.name());
        }
        out.put(KeyAttribute.MANAGER.wireName(), KeyManager.CUSTOMER.name());
        out.putAll(labels(key));
        rotation(key, out);
        key.instant("createTime").ifPresent(t -> out.put(KeyAttribute.CREATED_AT.wireName(), t.toString()));
        backend(key, out);
        return out;
    }

    /**
     * The key's backend ({@code cryptoKeyBackend}): a single-tenant HSM instance or an EKM connection, which
     * becomes an inventory item of its own holding the key.
     */
    static void backend(RecordFields key, Map<String, String> out) {
        key.text("cryptoKeyBackend").map(String::trim)
                .filter(b -> b.matches("projects/[^/,]+/locations/[^/,]+/(singleTenantHsmInstances|ekmConnections)/[^/,]+"))
                .ifPresent(b -> out.put(KeyAttribute.CUSTOM_KEY_STORE.wireName(), b));
    }

    static void purpose(String purpose, Map<String, String> out) {
        KeyPurpose.parse(purpose).ifPresentOrElse(p -> {
            out.put(KeyAttribute.KIND.wireName(), p.kind().name());
            out.put(KeyAttribute.KEY_USAGE.wireName(), p.usage().name());
        }, () -> {
            out.put(KeyAttribute.KIND.wireName(), "UNKNOWN");
            out.put(KeyAttribute.KEY_USAGE.wireName(), "UNKNOWN");
        });
    }

    /** Algorithm, native spec, protection and (for external keys) origin of a version template. */
    static void versionTemplate(RecordFields template, Map<String, String> out) {
        template.text("algorithm").ifPresent(a -> algorithm(a, out));
        template.text("protectionLevel").ifPresent(p -> protection(p, out));
    }

    static void algorithm(String nativeAlgorithm, Map<String, String> out) {
        out.put(KeyAttribute.ALGORITHM.wireName(), KeyAlgorithms.normalise(nativeAlgorithm));
        out.put(KeyAttribute.NATIVE_SPEC.wireName(), nativeAlgorithm);
    }

    static void protection(String level, Map<String, String> out) {
        Optional<GoogleProtectionLevel> p = GoogleProtectionLevel.parse(level);
        out.put(KeyAttribute.PROTECTION.wireName(), p.map(GoogleProtectionLevel::protection)
                .orElse(ProtectionLevel.UNKNOWN).name());
        out.putIfAbsent(KeyAttribute.ORIGIN.wireName(), p.map(GoogleProtectionLevel::origin)
                .orElse(KeyOrigin.UNKNOWN).name());
    }

    /** {@code rotation.period} and {@code rotation.enabled} from a key's rotation period, or its absence. */
    static void rotation(RecordFields key, Map<String, String> out) {
        Optional<String> period = key.text("rotationPeriod");
        if (period.isPresent()) {
            out.put(KeyAttribute.ROTATION_PERIOD.wireName(), RotationPeriods.iso(period.get(),
                    key.pathOf("rotationPeriod")));
            out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "true");
        } else {
            out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "false");
        }
    }

    /** Labels as {@code tag.<label>}, and the AI usage the {@value AiUsageCategory#TAG} label declares. */
    static Map<String, String> labels(RecordFields key) {
        Map<String, String> labels = labelMap(key);
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(KeyAttribute.TAG_PREFIX + k, v));
        aiCategories(labels).ifPresent(c -> out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(), c));
        return out;
    }

    /** A CryptoKey's labels (empty if it has none). */
    static Map<String, String> labelMap(RecordFields key) {
        Map<String, String> labels = new TreeMap<>();
        key.object("labels").ifPresent(l -> {
            for (Map.Entry<String, JsonNode> e : l.node().properties()) {
                if (!e.getValue().isString()) {
                    throw new RecordFormatException(l.pathOf(e.getKey()), "expected a string, was "
                            + RecordFields.kind(e.getValue()));
                }
                if (e.getKey().isBlank()) {
                    throw new RecordFormatException(l.path(), "a label has an empty name");
                }
                labels.put(e.getKey(), e.getValue().asString());
            }
        });
        return labels;
    }

    /** The categories the {@value AiUsageCategory#TAG} label declares, comma-separated, if any. */
    static Optional<String> aiCategories(Map<String, String> labels) {
        Set<AiUsageCategory> categories = AiUsageCategory.fromTags(labels);
        return categories.isEmpty() ? Optional.empty() : Optional.of(categories.stream()
                .sorted(Comparator.naturalOrder()).map(Enum::name).collect(Collectors.joining(",")));
    }
}
