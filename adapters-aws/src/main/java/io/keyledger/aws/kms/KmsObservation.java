package io.keyledger.aws.kms;

import io.keyledger.aws.format.KeyArn;
import io.keyledger.aws.format.KeyPolicyAnalysis;
import io.keyledger.aws.format.KmsGrants;
import io.keyledger.aws.format.KmsKeyMetadata;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.sweep.ObservedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the KMS listing calls say of one key, gathered into an {@link ObservedKey}: the one mapping of
 * KMS responses to KeyLedger attributes, shared by live sweeps ({@link KmsKeySource}) and saved AWS CLI
 * listings ({@code AwsSnapshotReader}). Both hand it the responses in the API's own member names
 * (PascalCase: {@code KeyMetadata.KeyState}, {@code Tags[].TagKey}), so that a live sweep and a saved
 * listing of the same key say exactly the same.
 *
 * <p>A key whose details could not all be read is partially observed: each reason given to
 * {@link #unreadable} is kept, and the attributes that were read are kept with them.
 *
 * <p>Not thread-safe: one instance gathers one key.
 */
public final class KmsObservation {

    private final KeyArn arn;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private boolean tagsRead;

    public KmsObservation(KeyArn arn) {
        this.arn = Objects.requireNonNull(arn, "arn");
    }

    public KeyArn arn() {
        return arn;
    }

    /** The aliases that point at the key ({@code alias.add}); none says nothing. */
    public KmsObservation aliases(Set<String> names) {
        if (!names.isEmpty()) {
            attributes.put(KeyAttribute.ALIAS_ADD.wireName(), String.join(",", new TreeSet<>(names)));
        }
        return this;
    }

    /**
     * DescribeKey's {@code KeyMetadata}.
     *
     * @throws RecordFormatException naming the member ({@code KeyMetadata.KeyState}) of the wrong type, or
     *                              {@code KeyMetadata.KeyId} when it describes another key
     */
    public KmsObservation keyMetadata(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            throw new RecordFormatException("KeyMetadata", "missing (expected DescribeKey output)");
        }
        JsonNode id = metadata.get("KeyId");
        if (id != null && id.isString() && !id.asString().equals(arn.keyId())) {
            throw new RecordFormatException("KeyMetadata.KeyId", "describes key " + id.asString() + ", not " + arn.keyId());
        }
        attributes.putAll(KmsKeyMetadata.attributes(metadata, "KeyMetadata", KmsKeyMetadata.Naming.PASCAL));
        return this;
    }

    /**
     * GetKeyRotationStatus's output: {@code rotation.enabled}, and {@code rotation.period} from
     * {@code RotationPeriodInDays} when KMS states one.
     *
     * @throws RecordFormatException naming {@code KeyRotationEnabled} or {@code RotationPeriodInDays}
     */
    public KmsObservation rotationStatus(JsonNode output) {
        JsonNode enabled = output == null ? null : output.get("KeyRotationEnabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new RecordFormatException("KeyRotationEnabled", "expected true or false");
        }
        attributes.put(KeyAttribute.ROTATION_ENABLED.wireName(), Boolean.toString(enabled.asBoolean()));
        JsonNode days = output.get("RotationPeriodInDays");
        if (days != null && !days.isNull()) {
            if (!days.isIntegralNumber() || days.asLong() <= 0) {
                throw new RecordFormatException("RotationPeriodInDays", "expected a positive whole number");
            }
            attributes.put(KeyAttribute.ROTATION_PERIOD.wireName(), "P" + days.asLong() + "D");
        }
        return this;
    }

    /**
     * One page of ListKeyRotations's output; call once per page. The latest {@code RotationDate} becomes
     * {@code rotation.lastRotatedAt}.
     *
     * @throws RecordFormatException naming {@code Rotations} or {@code Rotations[i].RotationDate}
     */
    public KmsObservation rotations(JsonNode output) {
        JsonNode list = output == null ? null : output.get("Rotations");
        if (list == null || !list.isArray()) {
            throw new RecordFormatException("Rotations", "expected an array");
        }
        for (int i = 0; i < list.size(); i++) {
            Instant at = instant(list.get(i).get("RotationDate"), "Rotations[" + i + "].RotationDate");
            String current = attributes.get(KeyAttribute.LAST_ROTATED_AT.wireName());
            if (current == null || at.isAfter(Instant.parse(current))) {
                attributes.put(KeyAttribute.LAST_ROTATED_AT.wireName(), at.toString());
            }
        }
        return this;
    }

    private static Instant instant(JsonNode value, String field) {
        if (value == null || !value.isString()) {
            throw new RecordFormatException(field, "expected a date");
        }
        try {
            return Instant.parse(value.asString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new RecordFormatException(field, "expected an ISO-8601 instant, not '" + value.asString() + "'");
        }
    }

    /**
     * One page of ListResourceTags's output; call once per page. The tags become {@code tag.<key>}, and the
     * owner's declared AI usage ({@code keyledger-ai-usage}) {@code usage.aiCategory}.
     *
     * @throws RecordFormatException naming {@code Tags} or {@code Tags[i].TagKey}
     */
    public KmsObservation tags(JsonNode output) {
        JsonNode list = output == null ? null : output.get("Tags");
        if (list == null || !list.isArray()) {
            throw new RecordFormatException("Tags", "expected an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode tag = list.get(i);
            if (!tag.path("TagKey").isString() || tag.path("TagKey").asString().isEmpty()) {
                throw new RecordFormatException("Tags[" + i + "].TagKey", "missing");
            }
            tags.put(tag.get("TagKey").asString(), tag.path("TagValue").asString(""));
        }
        tagsRead = true;
        return this;
    }

    /**
     * GetKeyLastUsage's output: the last cryptographic use KMS tracked ({@code KeyLastUsage.Timestamp}) and
     * its operation, as {@code usage.lastUsedAt} and {@code usage.lastOperation} ({@code DECRYPT} becomes
     * {@code Decrypt}, the name CloudTrail gives the call). No {@code KeyLastUsage} says the key was not
     * used since tracking started, which adds nothing.
     *
     * @throws RecordFormatException naming {@code KeyLastUsage.Timestamp} or {@code KeyLastUsage.Operation}
     */
    public KmsObservation lastUsage(JsonNode output) {
        JsonNode last = output == null ? null : output.get("KeyLastUsage");
        if (last == null || last.isNull() || last.isEmpty()) {
            return this;
        }
        Instant at = instant(last.get("Timestamp"), "KeyLastUsage.Timestamp");
        attributes.put(KeyAttribute.LAST_USED_AT.wireName(), at.toString());
        JsonNode op = last.get("Operation");
        if (op != null && !op.isNull()) {
            if (!op.isString() || !op.asString().matches("[A-Z][A-Z_]*")) {
                throw new RecordFormatException("KeyLastUsage.Operation", "expected an operation name such as DECRYPT");
            }
            attributes.put(KeyAttribute.LAST_OPERATION.wireName(), operationName(op.asString()));
        }
        return this;
    }

    /** {@code GENERATE_DATA_KEY} as CloudTrail names the call: {@code GenerateDataKey}. */
    static String operationName(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * Every page of ListGrants's output, together: the grantees ({@code access.grantees}), the services
     * acting through them, and the resources their constraints name ({@link KmsGrants}).
     *
     * @throws RecordFormatException naming {@code Grants} or {@code Grants[i].GranteePrincipal}
     */
    public KmsObservation grants(List<JsonNode> pages) {
        List<JsonNode> grants = new ArrayList<>();
        for (JsonNode page : pages) {
            JsonNode list = page == null ? null : page.get("Grants");
            if (list == null || !list.isArray()) {
                throw new RecordFormatException("Grants", "expected an array");
            }
            list.values().forEach(grants::add);
        }
        attributes.putAll(KmsGrants.attributes(grants, arn.region(), arn.account()));
        return this;
    }

    /**
     * GetKeyPolicy's output: the policy is analysed ({@link KeyPolicyAnalysis}) and never kept. A policy
     * that is not a policy document says nothing.
     *
     * @throws RecordFormatException naming {@code Policy} when there is none
     */
    public KmsObservation keyPolicy(JsonNode output) {
        JsonNode policy = output == null ? null : output.get("Policy");
        if (policy == null || !policy.isString()) {
            throw new RecordFormatException("Policy", "missing (expected GetKeyPolicy output)");
        }
        KeyPolicyAnalysis.of(policy.asString(), arn.account()).ifPresent(a -> attributes.putAll(a.attributes()));
        return this;
    }

    /**
     * A reason the key is only partially observed ("DescribeKey: AccessDeniedException: ..."). Several
     * reasons are joined in the order given.
     */
    public KmsObservation unreadable(String why) {
        unreadable.add(Objects.requireNonNull(why, "why"));
        return this;
    }

    public ObservedKey toObservedKey() {
        Map<String, String> out = new LinkedHashMap<>(attributes);
        if (tagsRead) {
            tags.forEach((name, value) -> out.put(KeyAttribute.TAG_PREFIX + name, value));
            Set<AiUsageCategory> declared = AiUsageCategory.fromTags(tags);
            if (!declared.isEmpty()) {
                out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                        declared.stream().map(Enum::name).collect(Collectors.joining(",")));
            }
        }
        Optional<String> why = unreadable.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unreadable));
        return new ObservedKey(arn.toKeyRef(), out, List.of(), why);
    }

    /**
     * Adds one page of ListAliases's output to {@code byKeyId}: alias names by the key id they point at.
     * An alias without {@code TargetKeyId} (one AWS has predefined but not yet associated) names no key.
     *
     * @throws RecordFormatException naming {@code Aliases} or {@code Aliases[i].AliasName}
     */
    public static void addAliases(JsonNode output, Map<String, Set<String>> byKeyId) {
        JsonNode list = output == null ? null : output.get("Aliases");
        if (list == null || !list.isArray()) {
            throw new RecordFormatException("Aliases", "expected an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode alias = list.get(i);
            String name = alias.path("AliasName").asString("");
            if (name.isEmpty()) {
                throw new RecordFormatException("Aliases[" + i + "].AliasName", "missing");
            }
            String target = alias.path("TargetKeyId").asString("");
            if (!target.isEmpty()) {
                byKeyId.computeIfAbsent(target, k -> new TreeSet<>()).add(name);
            }
        }
    }
}
