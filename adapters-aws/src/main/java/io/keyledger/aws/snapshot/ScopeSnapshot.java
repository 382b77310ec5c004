package io.keyledger.aws.snapshot;

import io.keyledger.aws.format.FieldFormatException;
import io.keyledger.aws.format.KeyArn;
import io.keyledger.aws.format.KmsKeyMetadata;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The saved listing of one account and region ({@code aws/<account>/<region>/}): ListKeys, ListAliases,
 * and per key DescribeKey, GetKeyRotationStatus and ListResourceTags, as the AWS CLI prints them.
 */
final class ScopeSnapshot {

    static final String LIST_KEYS = "list-keys.json";
    static final String LIST_ALIASES = "list-aliases.json";
    static final String DESCRIBE_KEY = "describe-key";
    static final String ROTATION_STATUS = "get-key-rotation-status";
    static final String RESOURCE_TAGS = "list-resource-tags";

    private final Path dir;
    private final String account;
    private final String region;

    ScopeSnapshot(Path dir, String account, String region) {
        this.dir = dir;
        this.account = account;
        this.region = region;
    }

    SnapshotKeySource read() throws IOException {
        Path listKeys = dir.resolve(LIST_KEYS);
        JsonNode listing = document(listKeys, "ListKeys");
        if (listing.path("Truncated").asBoolean(false)) {
            throw new SnapshotFormatException(listKeys, "Truncated", "the listing is one page of several (NextMarker "
                    + listing.path("NextMarker").asString("") + "): save it without --no-paginate");
        }
        Map<String, Set<String>> aliases = aliases();
        List<ObservedKey> keys = new ArrayList<>();
        JsonNode entries = listing.path("Keys");
        if (!entries.isArray()) {
            throw new SnapshotFormatException(listKeys, "Keys", "expected an array");
        }
        for (int i = 0; i < entries.size(); i++) {
            KeyArn arn = keyArn(listKeys, entries.get(i), "Keys[" + i + "]");
            keys.add(observe(arn, aliases.getOrDefault(arn.keyId(), Set.of())));
        }
        return new SnapshotKeySource(new SweepScope(Provider.AWS, account, region), keys);
    }

    /** A listed key's ARN, which must be of this directory's account and region. */
    private KeyArn keyArn(Path file, JsonNode entry, String field) {
        String keyId = entry.path("KeyId").asString("");
        String arnText = entry.path("KeyArn").asString("");
        KeyArn arn;
        if (!arnText.isEmpty()) {
            arn = KeyArn.parse(arnText).orElseThrow(() -> new SnapshotFormatException(file, field + ".KeyArn",
                    "not a KMS key ARN: '" + arnText + "'"));
        } else if (KeyArn.isKeyId(keyId)) {
            try {
                arn = KeyArn.of(region, account, keyId);
            } catch (IllegalArgumentException e) {
                throw new SnapshotFormatException(file, field + ".KeyId", "cannot build the key's ARN: " + e.getMessage());
            }
        } else {
            throw new SnapshotFormatException(file, field, "neither a KeyArn nor a KeyId");
        }
        if (!arn.account().equals(account) || !arn.region().equals(region)) {
            throw new SnapshotFormatException(file, field + ".KeyArn", "key " + arn + " is not of account " + account
                    + " and region " + region + ", the directory it is saved in");
        }
        if (!keyId.isEmpty() && !keyId.equals(arn.keyId())) {
            throw new SnapshotFormatException(file, field + ".KeyId", "'" + keyId + "' is not the id in " + arn);
        }
        return arn;
    }

    private ObservedKey observe(KeyArn arn, Set<String> aliases) throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!aliases.isEmpty()) {
            attributes.put(KeyAttribute.ALIAS_ADD.wireName(), String.join(",", aliases));
        }
        Path describeFile = perKey(DESCRIBE_KEY, arn);
        CliFile.Output described = CliFile.read(describeFile);
        if (described instanceof CliFile.Missing) {
            return partial(arn, attributes, "no " + dir.relativize(describeFile) + " in the snapshot");
        }
        if (described instanceof CliFile.Error error) {
            return partial(arn, attributes, "DescribeKey: " + error.describe());
        }
        JsonNode metadata = ((CliFile.Document) described).json().get("KeyMetadata");
        if (metadata == null || !metadata.isObject()) {
            throw new SnapshotFormatException(describeFile, "KeyMetadata", "missing (expected DescribeKey output)");
        }
        String describedId = metadata.path("KeyId").asString(arn.keyId());
        if (!describedId.equals(arn.keyId())) {
            throw new SnapshotFormatException(describeFile, "KeyMetadata.KeyId", "describes key " + describedId
                    + ", not " + arn.keyId());
        }
        try {
            attributes.putAll(KmsKeyMetadata.attributes(metadata, "KeyMetadata", KmsKeyMetadata.Naming.PASCAL));
        } catch (FieldFormatException e) {
            throw new SnapshotFormatException(describeFile, e.field(), e.getMessage());
        }
        attributes.putAll(rotation(arn));
        attributes.putAll(tags(arn));
        return new ObservedKey(arn.toKeyRef(), attributes, List.of(), Optional.empty());
    }

    private static ObservedKey partial(KeyArn arn, Map<String, String> attributes, String why) {
        return new ObservedKey(arn.toKeyRef(), attributes, List.of(), Optional.of(why));
    }

    /** Rotation, when its status was saved and readable; otherwise not stated. */
    private Map<String, String> rotation(KeyArn arn) throws IOException {
        Path file = perKey(ROTATION_STATUS, arn);
        if (!(CliFile.read(file) instanceof CliFile.Document doc)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode enabled = doc.json().get("KeyRotationEnabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new SnapshotFormatException(file, "KeyRotationEnabled", "expected true or false");
        }
        out.put(KeyAttribute.ROTATION_ENABLED.wireName(), Boolean.toString(enabled.asBoolean()));
        JsonNode days = doc.json().get("RotationPeriodInDays");
        if (days != null && !days.isNull()) {
            if (!days.isIntegralNumber() || days.asLong() <= 0) {
                throw new SnapshotFormatException(file, "RotationPeriodInDays", "expected a positive whole number");
            }
            out.put(KeyAttribute.ROTATION_PERIOD.wireName(), "P" + days.asLong() + "D");
        }
        return out;
    }

    /** Tags, when they were saved and readable; otherwise not stated. */
    private Map<String, String> tags(KeyArn arn) throws IOException {
        Path file = perKey(RESOURCE_TAGS, arn);
        if (!(CliFile.read(file) instanceof CliFile.Document doc)) {
            return Map.of();
        }
        JsonNode list = doc.json().path("Tags");
        if (!list.isArray()) {
            throw new SnapshotFormatException(file, "Tags", "expected an array");
        }
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode tag = list.get(i);
            if (!tag.path("TagKey").isString() || tag.path("TagKey").asString().isEmpty()) {
                throw new SnapshotFormatException(file, "Tags[" + i + "].TagKey", "missing");
            }
            tags.put(tag.get("TagKey").asString(), tag.path("TagValue").asString(""));
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((name, value) -> out.put(KeyAttribute.TAG_PREFIX + name, value));
        Set<AiUsageCategory> declared = AiUsageCategory.fromTags(tags);
        if (!declared.isEmpty()) {
            out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                    declared.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        return out;
    }

    /** Alias names by the key id they point at (an alias with no target is skipped). */
    private Map<String, Set<String>> aliases() throws IOException {
        Path file = dir.resolve(LIST_ALIASES);
        if (!(CliFile.read(file) instanceof CliFile.Document doc)) {
            return Map.of();
        }
        JsonNode list = doc.json().path("Aliases");
        if (!list.isArray()) {
            throw new SnapshotFormatException(file, "Aliases", "expected an array");
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode alias = list.get(i);
            String name = alias.path("AliasName").asString("");
            if (name.isEmpty()) {
                throw new SnapshotFormatException(file, "Aliases[" + i + "].AliasName", "missing");
            }
            String target = alias.path("TargetKeyId").asString("");
            if (!target.isEmpty()) {
                out.computeIfAbsent(target, k -> new TreeSet<>()).add(name);
            }
        }
        return out;
    }

    private JsonNode document(Path file, String operation) throws IOException {
        CliFile.Output output = CliFile.read(file);
        if (output instanceof CliFile.Error error) {
            throw new SnapshotFormatException(file, "", operation + " failed when saved (" + error.describe()
                    + "): the scope cannot be listed from it");
        }
        if (output instanceof CliFile.Missing) {
            throw new SnapshotFormatException(file, "", "missing");
        }
        return ((CliFile.Document) output).json();
    }

    private Path perKey(String operation, KeyArn arn) {
        return dir.resolve(operation).resolve(arn.keyId() + ".json");
    }
}
