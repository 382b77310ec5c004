package io.keyledger.azure.snapshot;

import io.keyledger.azure.format.AzureJson;
import io.keyledger.azure.format.KeyAttributesJson;
import io.keyledger.azure.format.KeySpec;
import io.keyledger.azure.format.RotationPolicy;
import io.keyledger.azure.format.Tags;
import io.keyledger.azure.format.VaultKeyObservation;
import io.keyledger.azure.format.VaultObjectId;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One vault's (or Managed HSM's) saved listings, read into observed keys. Of {@code az keyvault key show}
 * only the key type, curve, size and operations are kept: the public key fields ({@code n}, {@code e},
 * {@code x}, {@code y}) and any other key field are never copied; an RSA key's size is measured from
 * {@code n} and {@code n} dropped.
 */
final class VaultSnapshot {

    static final String KEY_LIST = "key-list.json";
    static final String KEY_LIST_DELETED = "key-list-deleted.json";
    static final String DETAILS = "keys";
    static final String VERSIONS = "versions";
    static final String ROTATION_POLICY = "rotation-policy";

    private final Path folder;
    private final String subscription;
    private final String vault;
    private final Instant now;
    private boolean managedHsm;
    private Map<String, String> access = Map.of();
    private Optional<String> accessDenied = Optional.empty();

    private VaultSnapshot(Path folder, String subscription, String vault, Instant now) {
        this.folder = folder;
        this.subscription = subscription;
        this.vault = vault;
        this.now = now;
    }

    /** The vault's keys, live and soft-deleted, ordered by native id. */
    static List<ObservedKey> read(Path folder, String subscription, String vault, Instant now) throws IOException {
        return new VaultSnapshot(folder, subscription, vault, now).keys();
    }

    private List<ObservedKey> keys() throws IOException {
        Path listFile = folder.resolve(KEY_LIST);
        if (!Files.isRegularFile(listFile)) {
            throw new SnapshotFormatException(listFile, "", "missing: each vault folder holds the output of "
                    + "az keyvault key list");
        }
        JsonNode live = array(listFile);
        Path deletedFile = folder.resolve(KEY_LIST_DELETED);
        JsonNode deleted = Files.isRegularFile(deletedFile) ? array(deletedFile) : null;
        managedHsm = usesManagedHsm(live) || deleted != null && usesManagedHsm(deleted);
        readAccess();

        Map<String, ObservedKey> keys = new TreeMap<>();
        for (int i = 0; i < live.size(); i++) {
            ObservedKey key = liveKey(listFile, i, live.get(i));
            keys.put(key.ref().nativeId(), key);
        }
        if (deleted != null) {
            for (int i = 0; i < deleted.size(); i++) {
                ObservedKey key = deletedKey(deletedFile, i, deleted.get(i));
                keys.putIfAbsent(key.ref().nativeId(), key);
            }
        }
        return List.copyOf(keys.values());
    }

    private ObservedKey liveKey(Path file, int index, JsonNode entry) throws IOException {
        VaultObjectId id = keyId(file, index, entry);
        KeyAttributesJson attrs = attributes(file, index, entry);
        RecordFields fields = AzureJson.fields(entry);
        VaultKeyObservation key = new VaultKeyObservation(id, subscription, managedHsm)
                .listed(attrs, Tags.of(fields.get("tags")), fields.get("managed").asBoolean(false), now);
        Optional<Path> detailFile = SnapshotFiles.perKey(folder.resolve(DETAILS), id.name());
        if (detailFile.isEmpty()) {
            key.unreadable("no key details: " + DETAILS + "/" + id.name() + ".json (az keyvault key show) is missing");
        } else {
            SnapshotFiles.Detail detail = SnapshotFiles.detail(detailFile.get());
            detail.denied().ifPresent(reason -> key.unreadable("key details: " + reason));
            detail.json().ifPresent(json -> {
                spec(key, json);
                AzureJson.fields(AzureJson.fields(json).get("key")).looseText("kid")
                        .flatMap(VaultObjectId::parse)
                        .flatMap(VaultObjectId::version)
                        .ifPresent(v -> key.currentVersion(v, attrs, now));
            });
        }
        Optional<Path> versionFile = SnapshotFiles.perKey(folder.resolve(VERSIONS), id.name());
        if (versionFile.isPresent()) {
            SnapshotFiles.Detail detail = SnapshotFiles.detail(versionFile.get());
            detail.denied().ifPresent(reason -> key.unreadable("key versions: " + reason));
            if (detail.json().isPresent()) {
                key.versions(versions(versionFile.get(), detail.json().get()), now);
            }
        }
        Optional<Path> policyFile = SnapshotFiles.perKey(folder.resolve(ROTATION_POLICY), id.name());
        if (policyFile.isPresent()) {
            SnapshotFiles.Detail detail = SnapshotFiles.detail(policyFile.get());
            detail.denied().ifPresent(reason -> key.unreadable("rotation policy: " + reason));
            detail.json().ifPresent(json -> key.rotation(RotationPolicy.read(json)));
        }
        key.access(access);
        accessDenied.ifPresent(reason -> key.unreadable("vault access model: " + reason));
        return key.toObservedKey();
    }

    /** The vault's access model, once for all its keys: a Managed HSM's is always its local RBAC. */
    private void readAccess() throws IOException {
        Path file = folder.resolve(VaultAccess.FILE);
        if (!Files.isRegularFile(file)) {
            access = managedHsm ? Map.of(KeyAttribute.ACCESS_MODEL.wireName(), VaultKeyObservation.RBAC) : Map.of();
            return;
        }
        SnapshotFiles.Detail detail = SnapshotFiles.detail(file);
        accessDenied = detail.denied();
        detail.json().ifPresent(json -> access = VaultAccess.attributes(file, json, managedHsm));
    }

    private ObservedKey deletedKey(Path file, int index, JsonNode entry) {
        VaultObjectId id = keyId(file, index, entry);
        RecordFields fields = AzureJson.fields(entry);
        return new VaultKeyObservation(id, subscription, managedHsm)
                .deleted(attributes(file, index, entry), Tags.of(fields.get("tags")), fields.get("managed").asBoolean(false),
                        fields.looseInstant("deletedDate"), fields.looseInstant("scheduledPurgeDate"))
                .toObservedKey();
    }

    /** kind, algorithm, nativeSpec, protection, keyUsage from {@code az keyvault key show}; the key's numbers stay behind. */
    private static void spec(VaultKeyObservation key, JsonNode show) {
        RecordFields jwk = AzureJson.fields(AzureJson.fields(show).get("key"));
        OptionalInt size = jwk.looseText("key_size", "keySize")
                .or(() -> AzureJson.fields(show).looseText("key_size", "keySize"))
                .map(VaultSnapshot::integer)
                .orElseGet(() -> jwk.looseText("n").map(KeySpec::rsaModulusBits).orElse(OptionalInt.empty()));
        List<String> ops = new ArrayList<>();
        JsonNode keyOps = jwk.get("keyOps", "key_ops");
        if (keyOps.isArray()) {
            keyOps.forEach(o -> AzureJson.DIALECT.looseText(o).ifPresent(ops::add));
        }
        key.spec(jwk.looseText("kty"), jwk.looseText("crv"), size, ops);
    }

    private Map<String, KeyAttributesJson> versions(Path file, JsonNode list) {
        if (!list.isArray()) {
            throw new SnapshotFormatException(file, "", "expected the JSON array az keyvault key list-versions prints");
        }
        Map<String, KeyAttributesJson> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "[" + i + "].kid";
            JsonNode entry = list.get(i);
            String kid = AzureJson.fields(entry).looseText("kid").orElseThrow(() -> new SnapshotFormatException(file, field, "missing"));
            String versionId = VaultObjectId.parse(kid).flatMap(VaultObjectId::version)
                    .orElseThrow(() -> new SnapshotFormatException(file, field, "not a versioned key id: '" + kid + "'"));
            out.put(versionId, attributes(file, i, entry));
        }
        return out;
    }

    /** The key an entry names, by kid (or recoveryId), else by name in this folder's vault. */
    private VaultObjectId keyId(Path file, int index, JsonNode entry) {
        if (!entry.isObject()) {
            throw new SnapshotFormatException(file, "[" + index + "]", "expected an object, found " + entry.getNodeType());
        }
        RecordFields fields = AzureJson.fields(entry);
        Optional<String> kid = fields.looseText("kid").or(() -> fields.looseText("recoveryId"));
        if (kid.isPresent()) {
            VaultObjectId id = VaultObjectId.parse(kid.get()).filter(VaultObjectId::isKey)
                    .orElseThrow(() -> new SnapshotFormatException(file, "[" + index + "].kid",
                            "not a key identifier: '" + kid.get() + "'"));
            if (!id.vault().equals(vault)) {
                throw new SnapshotFormatException(file, "[" + index + "].kid", "names vault '" + id.vault()
                        + "', but the folder is vault '" + vault + "'");
            }
            return id.asKey();
        }
        String name = fields.looseText("name").orElseThrow(() ->
                new SnapshotFormatException(file, "[" + index + "].kid", "missing (and no name either)"));
        return VaultObjectId.inVault(vault, managedHsm, "keys", name);
    }

    private static KeyAttributesJson attributes(Path file, int index, JsonNode entry) {
        JsonNode attributes = AzureJson.fields(entry).get("attributes");
        if (!attributes.isMissingNode() && !attributes.isNull() && !attributes.isObject()) {
            throw new SnapshotFormatException(file, "[" + index + "].attributes", "expected an object");
        }
        return KeyAttributesJson.of(attributes);
    }

    private static JsonNode array(Path file) throws IOException {
        JsonNode json = SnapshotFiles.json(file);
        if (!json.isArray()) {
            throw new SnapshotFormatException(file, "", "expected the JSON array the Azure CLI prints");
        }
        return json;
    }

    private static boolean usesManagedHsm(JsonNode list) {
        for (JsonNode entry : list) {
            RecordFields fields = AzureJson.fields(entry);
            if (fields.looseText("kid").or(() -> fields.looseText("recoveryId"))
                    .flatMap(VaultObjectId::parse).map(VaultObjectId::managedHsm).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static OptionalInt integer(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
