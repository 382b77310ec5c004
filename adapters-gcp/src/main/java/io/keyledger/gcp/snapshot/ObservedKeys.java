package io.keyledger.gcp.snapshot;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.gcp.format.CryptoKeyAttributes;
import io.keyledger.gcp.format.GoogleJson;
import io.keyledger.gcp.format.GoogleVersionState;
import io.keyledger.gcp.format.VersionFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A listed CryptoKey (and its listed versions) as an {@link ObservedKey}. The key's state is that of its
 * most alive version, as the core derives it from events. Shared by the saved {@code gcloud} listings and the
 * live Cloud KMS key source ({@code io.keyledger.gcp.cloudkms}), which hands it the API's resources as the same
 * proto3 JSON.
 */
public final class ObservedKeys {

    /** Most alive first, as {@code AssetProjection} orders versions. */
    private static final List<LifecycleState> LIVENESS = List.of(LifecycleState.ACTIVE,
            LifecycleState.PRE_ACTIVATION, LifecycleState.SUSPENDED, LifecycleState.DEACTIVATED,
            LifecycleState.COMPROMISED, LifecycleState.DESTROYED, LifecycleState.DESTROYED_COMPROMISED);

    /** How much of a key's versions the snapshot holds. */
    public sealed interface Versions permits Listed, PrimaryOnly, Denied {
    }

    /** The key's versions file. */
    public record Listed(List<VersionFacts> versions) implements Versions {
    }

    /** No versions file: only the primary version the key listing shows, if any. */
    public record PrimaryOnly() implements Versions {
    }

    /** The versions file holds the error of a denied listing. */
    public record Denied(String reason) implements Versions {
    }

    private ObservedKeys() {
    }

    /**
     * The key as observed.
     *
     * @param key   the CryptoKey resource as proto3 JSON
     * @param field where the key is in its listing, for error messages ({@code [3]})
     */
    public static ObservedKey of(KeyRef ref, JsonNode key, String field, Versions versions) {
        return of(ref, key, field, versions, Optional.empty());
    }

    /** @param protects what the KMS Inventory API says the key protects, where it was saved */
    static ObservedKey of(KeyRef ref, JsonNode key, String field, Versions versions,
                          Optional<ProtectedResourcesFile.Read> protects) {
        RecordFields fields = GoogleJson.DIALECT.fields(key, field);
        Map<String, String> attributes = new LinkedHashMap<>(CryptoKeyAttributes.of(fields));
        List<VersionFacts> known = versions instanceof Listed listed ? listed.versions()
                : fields.object("primary").map(p -> List.of(VersionFacts.of(p))).orElse(List.of());
        List<KeyVersion> keyVersions = new ArrayList<>();
        for (VersionFacts v : known) {
            GoogleVersionState state = v.state().orElseThrow(() -> new RecordFormatException(field + ".primary.state",
                    v.nativeState().map(s -> "unknown CryptoKeyVersion state '" + s + "'").orElse("missing")));
            String versionId = v.versionId().orElseThrow(() -> new RecordFormatException(field + ".primary.name",
                    "missing"));
            keyVersions.add(new KeyVersion(versionId, state.lifecycle(), state.name(), v.createTime()));
            if (v.imported()) {
                attributes.put(KeyAttribute.ORIGIN.wireName(), KeyOrigin.IMPORTED.name());
            }
        }
        keyVersions.sort(Comparator.comparing((KeyVersion v) -> numeric(v.versionId())).thenComparing(KeyVersion::versionId));
        state(keyVersions, known, versions, attributes);
        protects.ifPresent(p -> attributes.putAll(p.attributes()));
        List<String> refused = new ArrayList<>();
        if (versions instanceof Denied denied) {
            refused.add(denied.reason());
        }
        protects.flatMap(ProtectedResourcesFile.Read::denied).ifPresent(r -> refused.add("protected resources: " + r));
        Optional<String> unreadable = refused.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refused));
        observation(versions, known, attributes);
        return new ObservedKey(ref, attributes, keyVersions, unreadable);
    }

    private static void state(List<KeyVersion> keyVersions, List<VersionFacts> known, Versions versions,
                              Map<String, String> attributes) {
        Optional<KeyVersion> liveliest = keyVersions.stream()
                .min(Comparator.comparingInt(v -> LIVENESS.indexOf(v.state())));
        if (liveliest.isPresent()) {
            LifecycleState state = liveliest.get().state();
            attributes.put(KeyAttribute.STATE.wireName(), state.name());
            attributes.put(KeyAttribute.NATIVE_STATE.wireName(), liveliest.get().nativeState());
            if (state == LifecycleState.DEACTIVATED) {
                known.stream().map(VersionFacts::destroyTime).flatMap(Optional::stream).max(Instant::compareTo)
                        .ifPresent(t -> attributes.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(), t.toString()));
            }
        } else if (versions instanceof Listed) {
            // created with skipInitialVersionCreation and nothing imported yet
            attributes.put(KeyAttribute.STATE.wireName(), LifecycleState.PRE_ACTIVATION.name());
        }
    }

    private static void observation(Versions versions, List<VersionFacts> known, Map<String, String> attributes) {
        String note;
        if (versions instanceof Denied denied) {
            note = "versions could not be listed: " + denied.reason();
        } else if (versions instanceof PrimaryOnly) {
            note = known.isEmpty() ? "no versions listed and no primary version shown"
                    : "versions not listed; observed from the primary version only";
        } else {
            note = null;
        }
        attributes.put(KeyAttribute.OBSERVATION.wireName(), note == null ? Observation.FULL.name()
                : Observation.PARTIAL.name());
        if (note != null) {
            attributes.put(KeyAttribute.OBSERVATION_NOTE.wireName(), note);
        }
    }

    private static long numeric(String versionId) {
        return versionId.chars().allMatch(Character::isDigit) && versionId.length() < 18 ? Long.parseLong(versionId)
                : Long.MAX_VALUE;
    }
}
