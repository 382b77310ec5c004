package io.keyledger.aws.snapshot;

import io.keyledger.aws.format.KeyArn;
import io.keyledger.aws.kms.KmsObservation;
import io.keyledger.core.json.RecordFormatException;
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
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The saved listing of one account and region ({@code aws/<account>/<region>/}): ListKeys, ListAliases,
 * and per key DescribeKey, GetKeyRotationStatus and ListResourceTags, and where saved GetKeyLastUsage,
 * ListGrants and GetKeyPolicy, as the AWS CLI prints them.
 */
final class ScopeSnapshot {

    static final String LIST_KEYS = "list-keys.json";
    static final String LIST_ALIASES = "list-aliases.json";
    static final String DESCRIBE_KEY = "describe-key";
    static final String ROTATION_STATUS = "get-key-rotation-status";
    static final String RESOURCE_TAGS = "list-resource-tags";
    static final String LAST_USAGE = "get-key-last-usage";
    static final String GRANTS = "list-grants";
    static final String KEY_POLICY = "get-key-policy";

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
        KmsObservation key = new KmsObservation(arn).aliases(aliases);
        Path describeFile = perKey(DESCRIBE_KEY, arn);
        CliFile.Output described = CliFile.read(describeFile);
        if (described instanceof CliFile.Missing) {
            return key.unreadable("no " + dir.relativize(describeFile) + " in the snapshot").toObservedKey();
        }
        if (described instanceof CliFile.Error error) {
            return key.unreadable("DescribeKey: " + error.describe()).toObservedKey();
        }
        mapped(describeFile, () -> key.keyMetadata(((CliFile.Document) described).json().get("KeyMetadata")));
        // A missing or failed rotation-status or tags file leaves those attributes unstated: AWS managed
        // keys cannot be tagged, and rotation status is refused for keys that cannot rotate.
        Path rotationFile = perKey(ROTATION_STATUS, arn);
        if (CliFile.read(rotationFile) instanceof CliFile.Document doc) {
            mapped(rotationFile, () -> key.rotationStatus(doc.json()));
        }
        Path tagsFile = perKey(RESOURCE_TAGS, arn);
        if (CliFile.read(tagsFile) instanceof CliFile.Document doc) {
            mapped(tagsFile, () -> key.tags(doc.json()));
        }
        // Usage and access, as a sweep reads them: optional, but one refused leaves the key partially
        // observed, as it does in a live sweep.
        readIfSaved(key, LAST_USAGE, "GetKeyLastUsage", arn, key::lastUsage);
        readIfSaved(key, GRANTS, "ListGrants", arn, json -> key.grants(List.of(json)));
        readIfSaved(key, KEY_POLICY, "GetKeyPolicy", arn, key::keyPolicy);
        return key.toObservedKey();
    }

    private void readIfSaved(KmsObservation key, String folder, String operation, KeyArn arn,
                             Consumer<JsonNode> mapping) throws IOException {
        Path file = perKey(folder, arn);
        CliFile.Output output = CliFile.read(file);
        if (output instanceof CliFile.Document doc) {
            mapped(file, () -> mapping.accept(doc.json()));
        } else if (output instanceof CliFile.Error error) {
            key.unreadable(operation + ": " + error.describe());
        }
    }

    /** Alias names by the key id they point at (an alias with no target is skipped). */
    private Map<String, Set<String>> aliases() throws IOException {
        Path file = dir.resolve(LIST_ALIASES);
        if (!(CliFile.read(file) instanceof CliFile.Document doc)) {
            return Map.of();
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        mapped(file, () -> KmsObservation.addAliases(doc.json(), out));
        return out;
    }

    /** Runs a mapping of {@code file}'s content, naming the file in its errors. */
    private static void mapped(Path file, Runnable mapping) {
        try {
            mapping.run();
        } catch (RecordFormatException e) {
            throw new SnapshotFormatException(file, e.field(), e.reason());
        }
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
