package io.keyledger.azure.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.sweep.ObservedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Key Vault says of one key (or Managed HSM key), gathered into an {@link ObservedKey}: the one mapping
 * of a key's listing, details, versions and rotation policy to KeyLedger attributes, shared by saved Azure CLI
 * listings ({@code io.keyledger.azure.snapshot}) and live sweeps ({@code io.keyledger.azure.keyvault}), so
 * that both say exactly the same of the same key. The state is derived by {@link KeyState}, as the
 * decoders derive it; key material is never taken (an RSA key's size may be measured from its modulus by
 * the caller, through {@link KeySpec#rsaModulusBits}).
 *
 * <p>A key whose details could not all be read is partially observed: each reason given to
 * {@link #unreadable} is kept, and the attributes that were read are kept with them.
 *
 * <p>Not thread-safe: one instance gathers one key.
 */
public final class VaultKeyObservation {

    /** The access models' words in {@code access.model}. */
    public static final String RBAC = "rbac";
    public static final String ACCESS_POLICIES = "access-policies";

    private final VaultObjectId id;
    private final String subscription;
    private final boolean managedHsm;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<KeyVersion> versions = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private boolean versionsListed;

    /**
     * @param id           the key ({@link VaultObjectId#asKey()} of any of its identifiers)
     * @param subscription the vault's subscription: the key's account scope
     */
    public VaultKeyObservation(VaultObjectId id, String subscription, boolean managedHsm) {
        this.id = Objects.requireNonNull(id, "id").asKey();
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.managedHsm = managedHsm;
    }

    public KeyRef ref() {
        return id.keyRef(subscription);
    }

    /**
     * A live key as its listing entry shows it (the attributes and tags of its current version): dates,
     * tags, manager, a certificate's backing key, and the state at {@code now}.
     *
     * @param managed whether Key Vault manages the key's lifetime because it backs a certificate
     */
    public VaultKeyObservation listed(KeyAttributesJson attrs, Map<String, String> tags, boolean managed, Instant now) {
        common(attrs, tags, managed);
        attributes.putAll(KeyState.of(attrs.enabled().orElse(true), attrs.notBefore(), attrs.expires(), now).attributes());
        return this;
    }

    /**
     * A soft-deleted key, deleted at {@code deletedOn} and recoverable until {@code scheduledPurge}, each when known
     * ({@code deletedDate} and {@code scheduledPurgeDate}).
     */
    public VaultKeyObservation deleted(KeyAttributesJson attrs, Map<String, String> tags, boolean managed,
                                       Optional<Instant> deletedOn, Optional<Instant> scheduledPurge) {
        common(attrs, tags, managed);
        attributes.putAll(KeyState.deleted(scheduledPurge).attributes());
        deletedOn.ifPresent(d -> attributes.put(KeyAttribute.DESTRUCTION_REQUESTED_AT.wireName(), d.toString()));
        scheduledPurge.ifPresent(d -> attributes.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(), d.toString()));
        if (managedHsm) {
            attributes.putAll(KeySpec.attributes(Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), true));
        }
        return this;
    }

    private void common(KeyAttributesJson attrs, Map<String, String> tags, boolean managed) {
        attributes.put(KeyAttribute.MANAGER.wireName(), KeyManager.CUSTOMER.name());
        attrs.created().ifPresent(d -> attributes.put(KeyAttribute.CREATED_AT.wireName(), d.toString()));
        attrs.notBefore().ifPresent(d -> attributes.put(KeyAttribute.NOT_BEFORE.wireName(), d.toString()));
        attrs.expires().ifPresent(d -> attributes.put(KeyAttribute.EXPIRES_AT.wireName(), d.toString()));
        attrs.updated().ifPresent(d -> attributes.put(KeyAttribute.UPDATED_AT.wireName(), d.toString()));
        attrs.recoveryLevel().filter(l -> !l.isBlank())
                .ifPresent(l -> attributes.put(KeyAttribute.RECOVERY_LEVEL.wireName(), l.trim()));
        attrs.recoverableDays().ifPresent(d -> attributes.put(KeyAttribute.DESTRUCTION_DELAY.wireName(),
                "P" + d + "D"));
        attributes.putAll(Tags.attributes(tags));
        id.keyStore().ifPresent(s -> attributes.put(KeyAttribute.CUSTOM_KEY_STORE.wireName(), s));
        if (managed) {
            attributes.put(KeyAttribute.DESCRIPTION.wireName(), "backs certificate " + id.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The key's type from its details (the JSON Web Key's {@code kty}, {@code crv}, size and
     * {@code key_ops}): kind, algorithm, native spec, protection and usage.
     */
    public VaultKeyObservation spec(Optional<String> kty, Optional<String> crv, OptionalInt size,
                                    Collection<String> keyOps) {
        attributes.putAll(KeySpec.attributes(kty, crv, size, keyOps, managedHsm));
        return this;
    }

    /** The current version, from the key's details, unless the versions are listed. */
    public VaultKeyObservation currentVersion(String versionId, KeyAttributesJson attrs, Instant now) {
        if (!versionsListed) {
            versions.clear();
            versions.add(version(versionId, attrs, now));
        }
        return this;
    }

    /** Every version of the key ({@code list-versions}), each with its own state at {@code now}. */
    public VaultKeyObservation versions(Map<String, KeyAttributesJson> byVersion, Instant now) {
        versionsListed = true;
        versions.clear();
        byVersion.forEach((v, attrs) -> versions.add(version(v, attrs, now)));
        versions.sort(Comparator.comparing(KeyVersion::versionId));
        return this;
    }

    private static KeyVersion version(String versionId, KeyAttributesJson attrs, Instant now) {
        KeyState state = KeyState.of(attrs.enabled().orElse(true), attrs.notBefore(), attrs.expires(), now);
        return new KeyVersion(versionId.toLowerCase(Locale.ROOT), state.state(), state.nativeState(), attrs.created());
    }

    /** {@code rotation.enabled} and {@code rotation.period} from the key's rotation policy. */
    public VaultKeyObservation rotation(RotationPolicy policy) {
        attributes.putAll(policy.attributes());
        return this;
    }

    /** The vault's access model ({@code accessModel}) and, under access policies, the key's grantees. */
    public VaultKeyObservation access(Map<String, String> vaultAccess) {
        attributes.putAll(vaultAccess);
        return this;
    }

    /**
     * The vault's access model alone, as Resource Manager reports it to a live sweep: {@code rbac} (Azure RBAC, and a
     * managed HSM's local RBAC) or {@code access-policies}, the words of saved {@code az keyvault show} listings.
     */
    public VaultKeyObservation accessModel(boolean rbac) {
        attributes.put(KeyAttribute.ACCESS_MODEL.wireName(), rbac ? RBAC : ACCESS_POLICIES);
        return this;
    }

    /** Why some of the key's details could not be read; the key is then partially observed. */
    public VaultKeyObservation unreadable(String reason) {
        unreadable.add(Objects.requireNonNull(reason, "reason"));
        return this;
    }

    public ObservedKey toObservedKey() {
        if (managedHsm && !attributes.containsKey(KeyAttribute.PROTECTION.wireName())) {
            attributes.putAll(KeySpec.attributes(Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), true));
        }
        return new ObservedKey(ref(), attributes, versions,
                unreadable.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unreadable)));
    }
}
