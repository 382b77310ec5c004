package io.keyledger.core.key;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inventory record of one key: metadata only, never key material.
 *
 * <p>It is a projection of the key's events (see {@code io.keyledger.core.ingest.AssetProjection}), so
 * it can always be recomputed from them.
 *
 * @param algorithm     normalised algorithm ("AES-256", "RSA-3072", "EC-P256", "ML-DSA-65", or "UNKNOWN")
 * @param nativeSpec    the provider's own key spec ("SYMMETRIC_DEFAULT", "RSA_2048", "GOOGLE_SYMMETRIC_ENCRYPTION")
 * @param nativeState   the provider's own state, kept beside the normalised {@code state}
 * @param replicaOf     for a multi-Region replica, the id of its primary key
 * @param owner         the key's owner, as {@link #ownership} found it
 * @param ownership     where the owner comes from: declared, a tag, or inferred from the creator
 * @param destruction   how the provider holds back the key's destruction (waiting period, recovery level)
 * @param access        who beside the account's administrators may use or manage the key
 * @param keyStore      the native id of the key store or HSM holding the key, if any: an AWS custom key store
 *                      (CloudHSM or external), an Azure Managed HSM pool, a Google single-tenant HSM instance
 * @param retainedUntil when this record may be deleted: set once the key is destroyed, from the
 *                      tenant's retention policy; empty while the key exists or is under legal hold
 */
public record CryptoAsset(
        KeyRef ref,
        String tenant,
        KeyKind kind,
        String algorithm,
        Optional<String> nativeSpec,
        KeyUsage keyUsage,
        ProtectionLevel protection,
        KeyOrigin origin,
        KeyManager manager,
        LifecycleState state,
        String nativeState,
        KeyDates dates,
        RotationPolicy rotation,
        DestructionPolicy destruction,
        List<KeyVersion> versions,
        Set<String> aliases,
        Map<String, String> tags,
        Optional<String> owner,
        Ownership ownership,
        Optional<String> description,
        UsageContext usageContext,
        KeyAccess access,
        Responsibility responsibility,
        Regulatory regulatory,
        Optional<String> replicaOf,
        boolean multiRegion,
        Optional<String> keyStore,
        Provenance provenance,
        Optional<Instant> retainedUntil) {

    public CryptoAsset {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nativeSpec, "nativeSpec");
        Objects.requireNonNull(keyUsage, "keyUsage");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nativeState, "nativeState");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(rotation, "rotation");
        // Records stored before it existed have no destruction policy.
        destruction = destruction == null ? DestructionPolicy.NONE : destruction;
        versions = List.copyOf(versions);
        aliases = Collections.unmodifiableSortedSet(new TreeSet<>(aliases));
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        Objects.requireNonNull(owner, "owner");
        // Records stored before ownership existed had only a declared owner.
        ownership = ownership != null ? ownership
                : owner.map(o -> new Ownership(Optional.of(o), OwnerBasis.DECLARED, Optional.empty()))
                        .orElse(Ownership.NONE);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(usageContext, "usageContext");
        access = access == null ? KeyAccess.NONE : access;
        Objects.requireNonNull(responsibility, "responsibility");
        Objects.requireNonNull(regulatory, "regulatory");
        Objects.requireNonNull(replicaOf, "replicaOf");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(retainedUntil, "retainedUntil");
    }

    /** The key id, as {@link KeyRef#id()}. */
    public String id() {
        return ref.id();
    }

    public Provider provider() {
        return ref.provider();
    }

    /**
     * Whether KeyLedger knows only part of the key: its last read was refused in part, or some describing
     * attributes ({@link Provenance#unknownAttributes()}) are still unknown.
     */
    public boolean partiallyObserved() {
        return provenance.observation() == Observation.PARTIAL || !provenance.unknownAttributes().isEmpty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A fresh record for a key first seen at {@code seenAt} through event {@code eventId}. */
    public static Builder newKey(KeyRef ref, String tenant, Instant seenAt, String eventId) {
        return new Builder(new CryptoAsset(ref, tenant, KeyKind.UNKNOWN, "UNKNOWN", Optional.empty(),
                KeyUsage.UNKNOWN, ProtectionLevel.UNKNOWN, KeyOrigin.UNKNOWN, KeyManager.UNKNOWN,
                LifecycleState.UNKNOWN, "", KeyDates.NONE, RotationPolicy.NONE, DestructionPolicy.NONE, List.of(), Set.of(),
                Map.of(), Optional.empty(), Ownership.NONE, Optional.empty(), UsageContext.NONE, KeyAccess.NONE,
                Responsibility.UNKNOWN,
                Regulatory.NONE, Optional.empty(), false, Optional.empty(),
                new Provenance(seenAt, seenAt, eventId, Optional.empty(), Observation.FULL, Optional.empty()),
                Optional.empty()));
    }

    /** Builds a changed copy; each setter names the record component it replaces. */
    public static final class Builder {
        private KeyRef ref;
        private String tenant;
        private KeyKind kind;
        private String algorithm;
        private Optional<String> nativeSpec;
        private KeyUsage keyUsage;
        private ProtectionLevel protection;
        private KeyOrigin origin;
        private KeyManager manager;
        private LifecycleState state;
        private String nativeState;
        private KeyDates dates;
        private RotationPolicy rotation;
        private DestructionPolicy destruction;
        private List<KeyVersion> versions;
        private Set<String> aliases;
        private Map<String, String> tags;
        private Optional<String> owner;
        private Ownership ownership;
        private Optional<String> description;
        private UsageContext usageContext;
        private KeyAccess access;
        private Responsibility responsibility;
        private Regulatory regulatory;
        private Optional<String> replicaOf;
        private boolean multiRegion;
        private Optional<String> keyStore;
        private Provenance provenance;
        private Optional<Instant> retainedUntil;

        private Builder(CryptoAsset a) {
            ref = a.ref;
            tenant = a.tenant;
            kind = a.kind;
            algorithm = a.algorithm;
            nativeSpec = a.nativeSpec;
            keyUsage = a.keyUsage;
            protection = a.protection;
            origin = a.origin;
            manager = a.manager;
            state = a.state;
            nativeState = a.nativeState;
            dates = a.dates;
            rotation = a.rotation;
            destruction = a.destruction;
            versions = a.versions;
            aliases = a.aliases;
            tags = a.tags;
            owner = a.owner;
            ownership = a.ownership;
            description = a.description;
            usageContext = a.usageContext;
            access = a.access;
            responsibility = a.responsibility;
            regulatory = a.regulatory;
            replicaOf = a.replicaOf;
            multiRegion = a.multiRegion;
            keyStore = a.keyStore;
            provenance = a.provenance;
            retainedUntil = a.retainedUntil;
        }

        public Builder tenant(String v) { tenant = v; return this; }
        public Builder kind(KeyKind v) { kind = v; return this; }
        public Builder algorithm(String v) { algorithm = v; return this; }
        public Builder nativeSpec(Optional<String> v) { nativeSpec = v; return this; }
        public Builder keyUsage(KeyUsage v) { keyUsage = v; return this; }
        public Builder protection(ProtectionLevel v) { protection = v; return this; }
        public Builder origin(KeyOrigin v) { origin = v; return this; }
        public Builder manager(KeyManager v) { manager = v; return this; }
        public Builder state(LifecycleState v) { state = v; return this; }
        public Builder nativeState(String v) { nativeState = v; return this; }
        public Builder dates(KeyDates v) { dates = v; return this; }
        public Builder rotation(RotationPolicy v) { rotation = v; return this; }
        public Builder destruction(DestructionPolicy v) { destruction = v; return this; }
        public Builder versions(List<KeyVersion> v) { versions = v; return this; }
        public Builder aliases(Set<String> v) { aliases = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder owner(Optional<String> v) { owner = v; return this; }
        public Builder ownership(Ownership v) { ownership = v; return this; }
        public Builder access(KeyAccess v) { access = v; return this; }
        public Builder description(Optional<String> v) { description = v; return this; }
        public Builder usageContext(UsageContext v) { usageContext = v; return this; }
        public Builder responsibility(Responsibility v) { responsibility = v; return this; }
        public Builder regulatory(Regulatory v) { regulatory = v; return this; }
        public Builder replicaOf(Optional<String> v) { replicaOf = v; return this; }
        public Builder multiRegion(boolean v) { multiRegion = v; return this; }
        public Builder keyStore(Optional<String> v) { keyStore = v; return this; }
        public Builder provenance(Provenance v) { provenance = v; return this; }
        public Builder retainedUntil(Optional<Instant> v) { retainedUntil = v; return this; }

        public LifecycleState state() { return state; }
        public KeyDates dates() { return dates; }
        public Provenance provenance() { return provenance; }
        public List<KeyVersion> versions() { return versions; }
        public Set<String> aliases() { return aliases; }
        public Map<String, String> tags() { return tags; }
        public UsageContext usageContext() { return usageContext; }
        public Regulatory regulatory() { return regulatory; }
        public Responsibility responsibility() { return responsibility; }
        public RotationPolicy rotation() { return rotation; }
        public DestructionPolicy destruction() { return destruction; }
        public Ownership ownership() { return ownership; }
        public KeyAccess access() { return access; }
        public KeyManager manager() { return manager; }
        public KeyOrigin origin() { return origin; }
        public ProtectionLevel protection() { return protection; }
        public KeyKind kind() { return kind; }
        public String algorithm() { return algorithm; }
        public KeyUsage keyUsage() { return keyUsage; }
        public Optional<String> keyStore() { return keyStore; }

        public CryptoAsset build() {
            return new CryptoAsset(ref, tenant, kind, algorithm, nativeSpec, keyUsage, protection, origin, manager,
                    state, nativeState, dates, rotation, destruction, versions, aliases, tags, owner, ownership, description,
                    usageContext, access, responsibility, regulatory, replicaOf, multiRegion, keyStore, provenance,
                    retainedUntil);
        }
    }
}
