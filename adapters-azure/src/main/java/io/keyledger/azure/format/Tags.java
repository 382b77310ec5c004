package io.keyledger.azure.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.AiUsageCategory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** A key's tags as {@code tag.<name>} attributes, and the AI usage they declare ({@value AiUsageCategory#TAG}). */
public final class Tags {

    private Tags() {
    }

    /** The tags of a {@code tags} object; values that are not text or numbers are skipped. */
    public static Map<String, String> of(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null && tags.isObject()) {
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                String name = e.getKey().trim();
                if (!name.isEmpty() && name.chars().noneMatch(Character::isISOControl)) {
                    AzureJson.DIALECT.looseText(e.getValue()).ifPresent(v -> out.put(name, v));
                }
            }
        }
        return out;
    }

    /** {@code tag.<name>} attributes, plus {@code usage.aiCategory} when the tags declare AI usage. */
    public static Map<String, String> attributes(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((name, value) -> out.put(KeyAttribute.TAG_PREFIX + name, value));
        var categories = AiUsageCategory.fromTags(tags);
        if (!categories.isEmpty()) {
            out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                    categories.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        return out;
    }
}
