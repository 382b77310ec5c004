package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.LifecycleState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each Cloud KMS method did to a key, read from its audit log entry (see {@link KmsMethod} for the
 * table). Requests and responses are read field by field; nothing that carries material, plaintext,
 * ciphertext or a policy is ever copied.
 */
final class KmsOperations {

    /** What an entry means for the inventory. */
    sealed interface Decision permits Change, Skip {
    }

    /** A change of a key (or of one of its versions). */
    record Change(Action action, KmsResourceName key, Optional<String> versionId, Map<String, String> attributes)
            implements Decision {
    }

    /** Nothing about any key: the reason why. */
    record Skip(String reason) implements Decision {
    }

    /** The state a version reaches without further calls, when the entry does not tell it. */
    private static final String ENABLED = GoogleVersionState.ENABLED.name();

    private KmsOperations() {
    }

    static Decision decide(KmsCall call) {
        if (call.method().isEmpty()) {
            return unclassified(call);
        }
        KmsMethod method = call.method().get();
        return switch (method) {
            case CREATE_CRYPTO_KEY -> createKey(call);
            case CREATE_CRYPTO_KEY_VERSION -> createVersion(call);
            case IMPORT_CRYPTO_KEY_VERSION -> importVersion(call);
            case UPDATE_CRYPTO_KEY_PRIMARY_VERSION -> primaryVersion(call);
            case UPDATE_CRYPTO_KEY -> updateKey(call);
            case UPDATE_CRYPTO_KEY_VERSION -> updateVersion(call);
            case DESTROY_CRYPTO_KEY_VERSION -> destroyVersion(call);
            case RESTORE_CRYPTO_KEY_VERSION -> restoreVersion(call);
            case DELETE_CRYPTO_KEY_VERSION -> deleteVersion(call);
            case DELETE_CRYPTO_KEY -> deleteKey(call);
            case SET_IAM_POLICY -> setIamPolicy(call);
            default -> method.handling() == KmsMethod.Handling.USE ? use(call) : new Skip(method.rule());
        };
    }

    private static Decision createKey(KmsCall call) {
        KmsResourceName key = call.name(call.response(), "name")
                .or(call::resourceKey)
                .or(() -> requestedKey(call))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        Map<String, String> attributes = new LinkedHashMap<>();
        call.request().object("cryptoKey").ifPresent(k -> attributes.putAll(CryptoKeyAttributes.of(k)));
        if (call.hasResponse("name")) {
            attributes.putAll(CryptoKeyAttributes.of(call.response()));
        }
        boolean noVersion = call.request().bool("skipInitialVersionCreation").orElse(false);
        if (noVersion) {
            attributes.put(KeyAttribute.STATE.wireName(), LifecycleState.PRE_ACTIVATION.name());
            return new Change(Action.CREATE, key, Optional.empty(), attributes);
        }
        Optional<VersionFacts> primary = call.response().object("primary").map(VersionFacts::of);
        String versionId = primary.flatMap(VersionFacts::versionId).orElse("1");
        versionState(primary.flatMap(VersionFacts::nativeState).orElse(ENABLED), attributes);
        return new Change(Action.CREATE, key, Optional.of(versionId), attributes);
    }

    /** {@code request.parent} and {@code request.cryptoKeyId} of a CreateCryptoKey request. */
    private static Optional<KmsResourceName> requestedKey(KmsCall call) {
        Optional<KmsResourceName> ring = call.name(call.request(), "parent");
        Optional<String> id = call.request().text("cryptoKeyId");
        if (ring.isEmpty() || id.isEmpty() || ring.get().keyRing().isEmpty()) {
            return Optional.empty();
        }
        KmsResourceName r = ring.get();
        return Optional.of(KmsResourceName.ofKey(r.project(), r.location(), r.keyRing().get(), id.get()));
    }

    private static Decision createVersion(KmsCall call) {
        Optional<VersionFacts> created = responseVersion(call);
        KmsResourceName version = created.flatMap(VersionFacts::name)
                .or(call::resourceKey)
                .or(() -> call.name(call.request(), "parent"))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (version.version().isPresent()) {
            versionState(created.flatMap(VersionFacts::nativeState).orElse(ENABLED), attributes);
        }
        return new Change(Action.ROTATE, version, version.version(), attributes);
    }

    private static Decision importVersion(KmsCall call) {
        Optional<VersionFacts> imported = responseVersion(call);
        KmsResourceName version = imported.flatMap(VersionFacts::name)
                .or(() -> call.name(call.request(), "cryptoKeyVersion"))
                .or(call::resourceKey)
                .or(() -> call.name(call.request(), "parent"))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(KeyAttribute.ORIGIN.wireName(), KeyOrigin.IMPORTED.name());
        if (version.version().isPresent()) {
            versionState(imported.flatMap(VersionFacts::nativeState).orElse(ENABLED), attributes);
        }
        return new Change(Action.IMPORT_MATERIAL, version, version.version(), attributes);
    }

    private static Decision primaryVersion(KmsCall call) {
        KmsResourceName key = call.resourceKey()
                .or(() -> call.name(call.request(), "name"))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        Optional<VersionFacts> primary = call.response().object("primary").map(VersionFacts::of);
        Optional<String> versionId = call.request().text("cryptoKeyVersionId")
                .or(() -> primary.flatMap(VersionFacts::versionId));
        Map<String, String> attributes = new LinkedHashMap<>();
        if (versionId.isPresent()) {
            versionState(primary.flatMap(VersionFacts::nativeState).orElse(ENABLED), attributes);
        }
        return new Change(Action.METADATA, key, versionId, attributes);
    }

    private static Decision updateKey(KmsCall call) {
        Optional<RecordFields> requested = call.request().object("cryptoKey");
        KmsResourceName key = call.resourceKey()
                .or(() -> requested.flatMap(k -> call.name(k, "name")))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        RecordFields after = call.hasResponse("name") ? call.response()
                : requested.orElseGet(() -> call.request().objectOrEmpty("cryptoKey"));
        Set<String> paths = FieldMasks.paths(call.request()).orElseGet(() -> FieldMasks.presentFields(requested));
        Map<String, String> attributes = new LinkedHashMap<>();
        boolean rotation = paths.contains("rotationPeriod") || paths.contains("nextRotationTime");
        if (rotation) {
            CryptoKeyAttributes.rotation(after, attributes);
        }
        boolean labels = paths.stream().anyMatch(p -> p.equals("labels") || p.startsWith("labels."));
        if (labels) {
            attributes.putAll(labelChanges(paths, CryptoKeyAttributes.labelMap(after)));
        }
        if (paths.stream().anyMatch(p -> p.startsWith("versionTemplate"))) {
            after.object("versionTemplate").ifPresent(t -> CryptoKeyAttributes.versionTemplate(t, attributes));
        }
        Action action = rotation ? Action.ROTATION_POLICY : labels ? Action.TAG : Action.METADATA;
        return new Change(action, key, Optional.empty(), attributes);
    }

    /**
     * Tags from a labels update. {@code labels.<k>} paths name each label set or removed; a bare
     * {@code labels} path replaces the whole map, whose removed labels the entry does not name.
     */
    private static Map<String, String> labelChanges(Set<String> paths, Map<String, String> labelsAfter) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> removed = new TreeSet<>();
        if (paths.contains("labels")) {
            labelsAfter.forEach((k, v) -> out.put(KeyAttribute.TAG_PREFIX + k, v));
        }
        for (String path : paths) {
            if (path.startsWith("labels.")) {
                String label = path.substring("labels.".length());
                if (labelsAfter.containsKey(label)) {
                    out.put(KeyAttribute.TAG_PREFIX + label, labelsAfter.get(label));
                } else {
                    removed.add(label);
                }
            }
        }
        if (!removed.isEmpty()) {
            out.put(KeyAttribute.UNTAG.wireName(), String.join(",", removed));
        }
        CryptoKeyAttributes.aiCategories(labelsAfter)
                .ifPresent(c -> out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(), c));
        return out;
    }

    private static Decision updateVersion(KmsCall call) {
        Optional<RecordFields> requested = call.request().object("cryptoKeyVersion");
        KmsResourceName version = versionName(call, requested.flatMap(v -> call.name(v, "name")));
        Set<String> paths = FieldMasks.paths(call.request()).orElseGet(() -> FieldMasks.presentFields(requested));
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!paths.contains("state")) {
            return new Change(Action.METADATA, version, version.version(), attributes);
        }
        String stateName = call.response().text("state")
                .or(() -> requested.flatMap(v -> v.text("state")))
                .orElseThrow(() -> new RecordFormatException(call.request().pathOf("cryptoKeyVersion.state"),
                        "missing, though updateMask names the state"));
        versionState(stateName, attributes);
        Action action = switch (stateName) {
            case "ENABLED" -> Action.ENABLE;
            case "DISABLED" -> Action.DISABLE;
            default -> Action.METADATA;
        };
        return new Change(action, version, version.version(), attributes);
    }

    private static Decision destroyVersion(KmsCall call) {
        Optional<VersionFacts> after = responseVersion(call);
        KmsResourceName version = versionName(call, after.flatMap(VersionFacts::name));
        String state = after.flatMap(VersionFacts::nativeState).orElse(GoogleVersionState.DESTROY_SCHEDULED.name());
        Map<String, String> attributes = new LinkedHashMap<>();
        versionState(state, attributes);
        if (state.equals(GoogleVersionState.DESTROYED.name())) {
            return new Change(Action.DESTROY, version, version.version(), attributes);
        }
        after.flatMap(VersionFacts::destroyTime).ifPresent(t ->
                attributes.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(), t.toString()));
        return new Change(Action.SCHEDULE_DESTRUCTION, version, version.version(), attributes);
    }

    private static Decision restoreVersion(KmsCall call) {
        Optional<VersionFacts> after = responseVersion(call);
        KmsResourceName version = versionName(call, after.flatMap(VersionFacts::name));
        Map<String, String> attributes = new LinkedHashMap<>();
        versionState(after.flatMap(VersionFacts::nativeState).orElse(GoogleVersionState.DISABLED.name()), attributes);
        return new Change(Action.CANCEL_DESTRUCTION, version, version.version(), attributes);
    }

    private static Decision deleteVersion(KmsCall call) {
        KmsResourceName version = versionName(call, Optional.empty());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(KeyAttribute.VERSION_STATE.wireName(), LifecycleState.DESTROYED.name());
        return new Change(Action.DESTROY, version, version.version(), attributes);
    }

    private static Decision deleteKey(KmsCall call) {
        KmsResourceName key = call.resourceKey()
                .or(() -> call.name(call.request(), "name"))
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(KeyAttribute.STATE.wireName(), LifecycleState.DESTROYED.name());
        return new Change(Action.DESTROY, key, Optional.empty(), attributes);
    }

    private static Decision setIamPolicy(KmsCall call) {
        Optional<KmsResourceName> key = call.resourceKey()
                .or(() -> call.name(call.request(), "resource"))
                .filter(KmsResourceName::isKey);
        if (key.isEmpty()) {
            return new Skip("IAM policy of " + call.resourceName().orElse("an unnamed resource")
                    + ", which is not a key (a key ring's or import job's policy is not recorded per key)");
        }
        return new Change(Action.KEY_POLICY, key.get(), Optional.empty(), UsageDetection.ofPolicy(call));
    }

    private static Decision use(KmsCall call) {
        KmsResourceName key = call.resourceKey().orElseThrow(call::noKey);
        return new Change(Action.USE, key, Optional.empty(), UsageDetection.ofUse(call));
    }

    private static Decision unclassified(KmsCall call) {
        Optional<KmsResourceName> key = call.resourceKey();
        if (key.isEmpty()) {
            return new Skip("Cloud KMS method " + call.methodName() + " unknown to KeyLedger, on "
                    + call.resourceName().map(r -> "'" + r + "'").orElse("no resource") + ", which is not a key");
        }
        return new Change(Action.UNCLASSIFIED, key.get(), key.get().version(), new LinkedHashMap<>());
    }

    /** The version the call names: the resource, else the given name, else {@code request.name}. */
    private static KmsResourceName versionName(KmsCall call, Optional<KmsResourceName> fromResponse) {
        return fromResponse
                .or(() -> call.resource().filter(r -> r.version().isPresent()))
                .or(() -> call.name(call.request(), "name"))
                .or(call::resourceKey)
                .filter(KmsResourceName::isKey)
                .orElseThrow(call::noKey);
    }

    /** The CryptoKeyVersion of the response, if the entry carries one. */
    private static Optional<VersionFacts> responseVersion(KmsCall call) {
        if (!call.hasResponse("name") && !call.hasResponse("state")) {
            return Optional.empty();
        }
        return Optional.of(VersionFacts.of(call.response()));
    }

    /**
     * The version's lifecycle state and native state. A state Google added after this table was written
     * is kept as the native state; the event still applies, the version's lifecycle state left as it was.
     */
    private static void versionState(String nativeState, Map<String, String> attributes) {
        GoogleVersionState.parse(nativeState).ifPresent(s ->
                attributes.put(KeyAttribute.VERSION_STATE.wireName(), s.lifecycle().name()));
        attributes.put(KeyAttribute.NATIVE_STATE.wireName(), nativeState);
    }
}
