package io.keyledger.gcp.format;

import io.keyledger.core.event.KeyAttribute;
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
    public static Map<String, String> of(JsonNode key, String field) {
        String at = field.isEmpty() ? "" : field + ".";
        Map<String, String> out = new LinkedHashMap<>();
        JsonFields.text(key, "purpose", at + "purpose").ifPresent(p -> purpose(p, out));
        JsonFields.object(key, "versionTemplate", at + "versionTemplate")
                .ifPresent(t -> versionTemplate(t, at + "versionTemplate", out));
        if (JsonFields.bool(key, "importOnly", at + "importOnly").orElse(false)) {
            out.put(KeyAttribute.ORIGIN.wireName(), KeyOrigin.IMPORTED.name());
        }
        out.put(KeyAttribute.MANAGER.wireName(), KeyManager.CUSTOMER.name());
        out.putAll(labels(key, at + "labels"));
        rotation(JsonFields.text(key, "rotationPeriod", at + "rotationPeriod"), at + "rotationPeriod", out);
        JsonFields.instant(key, "createTime", at + "createTime")
                .ifPresent(t -> out.put(KeyAttribute.CREATED_AT.wireName(), t.toString()));
        return out;
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
    static void versionTemplate(JsonNode template, String field, Map<String, String> out) {
        JsonFields.text(template, "algorithm", field + ".algorithm").ifPresent(a -> algorithm(a, out));
        JsonFields.text(template, "protectionLevel", field + ".protectionLevel").ifPresent(p -> protection(p, out));
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

    /** {@code rotation.period} and {@code rotation.enabled} from a rotation period, or its absence. */
    static void rotation(Optional<String> period, String field, Map<String, String> out) {
        if (period.isPresent()) {
            out.put(KeyAttribute.ROTATION_PERIOD.wireName(), RotationPeriods.iso(period.get(), field));
            out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "true");
        } else {
            out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "false");
        }
    }

    /** Labels as {@code tag.<label>}, and the AI usage the {@value AiUsageCategory#TAG} label declares. */
    static Map<String, String> labels(JsonNode key, String field) {
        Map<String, String> labels = labelMap(key, field);
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(KeyAttribute.TAG_PREFIX + k, v));
        aiCategories(labels).ifPresent(c -> out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(), c));
        return out;
    }

    /** A CryptoKey's labels (empty if it has none). */
    static Map<String, String> labelMap(JsonNode key, String field) {
        Map<String, String> labels = new TreeMap<>();
        JsonFields.object(key, "labels", field).ifPresent(l -> {
            for (Map.Entry<String, JsonNode> e : l.properties()) {
                if (!e.getValue().isString()) {
                    throw new FieldException(field + "." + e.getKey(), "expected a string, was "
                            + JsonFields.kind(e.getValue()));
                }
                if (e.getKey().isBlank()) {
                    throw new FieldException(field, "a label has an empty name");
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
