package io.keyledger.core.key;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an AI workload uses a key for (CEK-21: keys of AI services are tracked). Decoders infer it from
 * the calling service and encryption context; owners declare it with the tag (AWS, Azure) or label
 * (Google) {@value #TAG}, whose value is a list of categories separated by commas, spaces or '+', in
 * any case, with '-' or '_' ({@code training-data, vector-store}). Google label values allow none of
 * those separators, so further tags or labels whose names start with {@value #TAG} count too
 * ({@code keyledger-ai-usage-2: vector_store}).
 */
public enum AiUsageCategory {
    INFERENCE_LOGS,
    PROMPT_ROUTING,
    MODEL_ARTIFACTS,
    TRAINING_DATA,
    VECTOR_STORE,
    TENANT_AI_ENVIRONMENT;

    /** The tag or label that declares a key's AI usage. Lower case, so that Google labels can carry it. */
    public static final String TAG = "keyledger-ai-usage";

    /** The categories a key's tags declare; unknown words are ignored. */
    public static Set<AiUsageCategory> fromTags(Map<String, String> tags) {
        Set<AiUsageCategory> out = EnumSet.noneOf(AiUsageCategory.class);
        tags.forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith(TAG) && value != null) {
                for (String word : value.split("[,+\\s]+")) {
                    parse(word).ifPresent(out::add);
                }
            }
        });
        return out;
    }

    public static java.util.Optional<AiUsageCategory> parse(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AiUsageCategory c : values()) {
            if (c.name().equals(w)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
