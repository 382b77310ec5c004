package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.AiUsageCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tags as attributes: {@code tag.<name>} per tag, and {@code usage.aiCategory} when the owner declared
 * the key's AI usage with the {@value AiUsageCategory#TAG} tag.
 */
final class KeyTags {

    private KeyTags() {
    }

    /**
     * Reads a tag list ({@code [{"tagKey":..,"tagValue":..}]} in CloudTrail, {@code [{"TagKey":..,"TagValue":..}]}
     * from the AWS CLI).
     */
    static Map<String, String> attributes(List<RecordFields> tags, KmsKeyMetadata.Naming naming) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (RecordFields tag : tags) {
            String name = tag.requiredText(naming.of("tagKey"));
            byName.put(name, tag.text(naming.of("tagValue")).orElse(""));
        }
        return attributes(byName);
    }

    static Map<String, String> attributes(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((name, value) -> out.put(KeyAttribute.TAG_PREFIX + name, value));
        Set<AiUsageCategory> declared = AiUsageCategory.fromTags(tags);
        if (!declared.isEmpty()) {
            out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                    declared.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        return out;
    }
}
