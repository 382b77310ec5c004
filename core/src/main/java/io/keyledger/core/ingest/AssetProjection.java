package io.keyledger.core.ingest;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.DestructionPolicy;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyAccess;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Ownership;
import io.keyledger.core.key.ProtectedResources;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.Provenance;
import io.keyledger.core.key.Regulatory;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.key.RotationPolicy;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.lifecycle.Lifecycle;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A key's record as a left fold of its events in history order (event time, then event id). Because
 * the fold is a function of the set of events alone, every delivery order, duplicates included, gives
 * the same record and the same history.
 */
public final class AssetProjection {

    /** Liveness order used to derive a key's state from its versions' states. */
    private static final List<LifecycleState> LIVENESS = List.of(LifecycleState.ACTIVE,
            LifecycleState.PRE_ACTIVATION, LifecycleState.SUSPENDED, LifecycleState.DEACTIVATED,
            LifecycleState.COMPROMISED, LifecycleState.DESTROYED, LifecycleState.DESTROYED_COMPROMISED,
            LifecycleState.UNKNOWN);

    private AssetProjection() {
    }

    /** A key's record and history, from one fold of its events. */
    public record Replay(Optional<CryptoAsset> asset, List<HistoryEntry> history) {
    }

    /** Folds a key's events (any order; they are sorted here) into its record. */
    public static Optional<CryptoAsset> fold(String tenant, List<StoredEvent> events) {
        return replay(tenant, events).asset();
    }

    /**
     * The key's history: one entry per event kept in history (and per failed call), with the state
     * before and after it.
     */
    public static List<HistoryEntry> history(String tenant, List<StoredEvent> events) {
        return replay(tenant, events).history();
    }

    /** Folds the key's events once, keeping the history on the way. */
    public static Replay replay(String tenant, List<StoredEvent> events) {
        return replay(tenant, Optional.empty(), events);
    }

    /**
     * Folds the key's events onto {@code base}: empty for the whole history, or the key's record when its
     * older events have expired, so that the facts only they told are kept. Every fold step sets what its
     * event tells and keeps the rest, so re-applying the events still held, in order, onto the record
     * gives what the full fold would.
     */
    public static Replay replay(String tenant, Optional<CryptoAsset> base, List<StoredEvent> events) {
        List<HistoryEntry> out = new ArrayList<>();
        Optional<CryptoAsset> asset = base;
        for (StoredEvent e : sorted(events)) {
            ProjectionStep step = step(asset, tenant, e.event());
            asset = step.asset();
            if (e.event().action().keptInHistory() || !e.event().succeeded()) {
                out.add(new HistoryEntry(e, step.before(), step.after(),
                        asset.map(CryptoAsset::nativeState).orElse(""), step.flag()));
            }
        }
        return new Replay(asset, out);
    }

    /**
     * The record of a key known only from its uses: nothing but its id, its usage and when it was first
     * and last used. Every describing attribute is unknown, and so is its state: a use proves the key
     * existed, not what it is.
     */
    public static CryptoAsset seed(KeyRef ref, String tenant, UsageContext usage) {
        Instant last = usage.lastUsedAt().orElseThrow(() -> new IllegalArgumentException(
                "a key's record from its uses needs a use"));
        Instant first = usage.firstUsedAt().orElse(last);
        Provenance p = new Provenance(first, last, "", Optional.empty(), Observation.FULL, Optional.empty(),
                Provenance.DESCRIBING, Optional.empty(), Optional.empty(), Optional.empty());
        return CryptoAsset.newKey(ref, tenant, first, "").provenance(p).usageContext(usage).build();
    }

    /**
     * The record with the key's usage rollup merged in: its usage, and a first sighting no later than
     * its first use. A record of uses only is the {@link #seed} of the merged rollup.
     */
    public static CryptoAsset withUsage(CryptoAsset asset, UsageContext rollup) {
        UsageContext merged = asset.usageContext().merge(rollup);
        if (asset.provenance().usesOnly()) {
            return seed(asset.ref(), asset.tenant(), merged).toBuilder().ownership(asset.ownership())
                    .owner(asset.owner()).responsibility(asset.responsibility()).build();
        }
        Provenance p = asset.provenance();
        Instant first = merged.firstUsedAt().filter(f -> f.isBefore(p.firstSeenAt())).orElse(p.firstSeenAt());
        return asset.toBuilder().usageContext(merged).provenance(p.withFirstSeenAt(first)).build();
    }

    /**
     * Folds an event older than every event still held into a record whose older history has expired.
     * Where it belongs among the expired events is no longer known, so it only tells what no later event
     * told: an attribute still unknown, an empty date, a tag or version the record lacks. A declared
     * compromise sticks whatever its age.
     */
    public static CryptoAsset fillIn(CryptoAsset current, String tenant, KeyEvent event) {
        if (!event.succeeded()) {
            return current;
        }
        CryptoAsset told = step(Optional.of(current), tenant, event).asset().orElseThrow();
        CryptoAsset.Builder b = current.toBuilder();
        LifecycleState state = current.state();
        if (!state.isKnown() || told.state().isCompromised()) {
            state = Lifecycle.resolve(state, told.state());
            b.state(state).nativeState(told.nativeState());
        }
        if (current.kind() == KeyKind.UNKNOWN) {
            b.kind(told.kind());
        }
        if ("UNKNOWN".equals(current.algorithm())) {
            b.algorithm(told.algorithm());
        }
        b.nativeSpec(current.nativeSpec().or(told::nativeSpec));
        if (current.keyUsage() == KeyUsage.UNKNOWN) {
            b.keyUsage(told.keyUsage());
        }
        if (current.protection() == ProtectionLevel.UNKNOWN) {
            b.protection(told.protection());
        }
        if (current.origin() == KeyOrigin.UNKNOWN) {
            b.origin(told.origin());
        }
        if (current.manager() == KeyManager.UNKNOWN) {
            b.manager(told.manager());
        }
        b.description(current.description().or(told::description));
        b.replicaOf(current.replicaOf().or(told::replicaOf));
        b.keyStore(current.keyStore().or(told::keyStore));
        b.multiRegion(current.multiRegion() || told.multiRegion());
        if (current.ownership().declared().isEmpty()) {
            b.ownership(current.ownership().withDeclared(told.ownership().declared()));
        }
        if (current.responsibility().basis() != told.responsibility().basis() && !current.responsibility().overridden()) {
            b.responsibility(told.responsibility());
        }
        if (!current.rotation().enabled() && current.rotation().period().isEmpty()) {
            b.rotation(told.rotation());
        }
        KeyDates d = current.dates();
        KeyDates t = told.dates();
        b.dates(new KeyDates(d.createdAt().or(t::createdAt), d.activatedAt().or(t::activatedAt),
                d.destructionScheduledAt().or(t::destructionScheduledAt), d.destroyedAt().or(t::destroyedAt),
                d.expiresAt().or(t::expiresAt), d.lastRotatedAt().or(t::lastRotatedAt), d.nextRotationAt().or(t::nextRotationAt),
                d.updatedAt().or(t::updatedAt), d.destructionRequestedAt().or(t::destructionRequestedAt)));
        b.destruction(new DestructionPolicy(current.destruction().delay().or(() -> told.destruction().delay()),
                current.destruction().recoveryLevel().or(() -> told.destruction().recoveryLevel())));
        Map<String, String> tags = new TreeMap<>(told.tags());
        tags.putAll(current.tags());
        b.tags(tags);
        Set<String> aliases = new TreeSet<>(current.aliases());
        aliases.addAll(told.aliases());
        b.aliases(aliases);
        List<KeyVersion> versions = new ArrayList<>(current.versions());
        told.versions().stream().filter(v -> current.versions().stream().noneMatch(c -> c.versionId().equals(v.versionId())))
                .forEach(versions::add);
        versions.sort(Comparator.comparing(KeyVersion::versionId));
        b.versions(versions);
        Regulatory r = current.regulatory();
        Regulatory tr = told.regulatory();
        b.regulatory(new Regulatory(r.classification().or(tr::classification), r.jurisdiction().or(tr::jurisdiction),
                r.retentionClass().or(tr::retentionClass), r.changeReference().or(tr::changeReference)));
        KeyAccess a = current.access();
        KeyAccess ta = told.access();
        b.access(new KeyAccess(a.grantees().isEmpty() ? ta.grantees() : a.grantees(),
                a.externalPrincipals().isEmpty() ? ta.externalPrincipals() : a.externalPrincipals(),
                a.policyLockoutRisk().or(ta::policyLockoutRisk), a.model().or(ta::model)));
        b.usageContext(told.usageContext());
        Provenance p = current.provenance();
        Set<String> unknown = new TreeSet<>(p.unknownAttributes());
        unknown.retainAll(told.provenance().unknownAttributes());
        if (state.isKnown()) {
            unknown.remove(KeyAttribute.STATE.wireName());
        }
        b.provenance(new Provenance(min(p.firstSeenAt(), event.eventTime()), p.lastEventAt(), p.lastEventId(),
                p.lastSweptAt(), p.observation(), p.observationNote(), unknown,
                p.createdBy().or(() -> told.provenance().createdBy()), p.firstEventAt(), p.firstEventId())
                .withEventFolded(event.eventTime(), event.eventId()));
        return b.build();
    }

    /** Whether {@code event} comes after every event already folded into {@code asset}. */
    public static boolean isLatest(CryptoAsset asset, KeyEvent event) {
        Provenance p = asset.provenance();
        if (p.usesOnly()) {
            return false;
        }
        int byTime = event.eventTime().compareTo(p.lastEventAt());
        return byTime > 0 || byTime == 0 && event.eventId().compareTo(p.lastEventId()) > 0;
    }

    /** Applies one event to the record as it stood before it. */
    public static ProjectionStep step(Optional<CryptoAsset> current, String tenant, KeyEvent event) {
        Optional<LifecycleState> before = current.map(CryptoAsset::state);
        if (!event.succeeded()) {
            return new ProjectionStep(current, before, before, Optional.empty());
        }
        // A key first seen in an event that does not tell its state (a tag change) has an UNKNOWN state.
        CryptoAsset base = current.orElseGet(() -> CryptoAsset.newKey(event.key(), tenant, event.eventTime(),
                event.eventId()).provenance(new Provenance(event.eventTime(), event.eventTime(), event.eventId(),
                        Optional.empty(), Observation.FULL, Optional.empty(), Provenance.DESCRIBING, Optional.empty(),
                        Optional.empty(), Optional.empty()))
                .build());
        CryptoAsset.Builder b = base.toBuilder();
        Provenance p = base.provenance();
        Optional<String> createdBy = event.action() == Action.CREATE && !"unknown".equals(event.actor().principal())
                ? Optional.of(event.actor().principal()) : p.createdBy();
        b.provenance(new Provenance(min(p.firstSeenAt(), event.eventTime()), event.eventTime(), event.eventId(),
                event.action() == Action.OBSERVE ? Optional.of(event.eventTime()) : p.lastSweptAt(),
                p.observation(), p.observationNote(), p.unknownAttributes(), createdBy, p.firstEventAt(),
                p.firstEventId()).withEventFolded(event.eventTime(), event.eventId()));

        applyAttributes(b, event);
        applyDates(b, event);
        applyVersion(b, event);
        applyUsage(b, event);

        Optional<KeyVersion> liveliest = versionDecides(b, event) ? liveliestVersion(b) : Optional.empty();
        Optional<LifecycleState> target = liveliest.map(KeyVersion::state).or(() -> targetState(event));
        LifecycleState from = base.state();
        LifecycleState to = target.map(t -> Lifecycle.resolve(from, t)).orElse(from);
        b.state(to);
        Optional<String> nativeState = liveliest.map(KeyVersion::nativeState)
                .or(() -> event.attribute(KeyAttribute.NATIVE_STATE));
        if (nativeState.isPresent()) {
            b.nativeState(nativeState.get());
        } else if (to != from) {
            b.nativeState("");
        }
        // The earliest activation: in a fold in time order the first, and still right when events held
        // are folded onto a record whose older events have expired.
        if (to == LifecycleState.ACTIVE
                && b.dates().activatedAt().filter(a -> !a.isAfter(event.eventTime())).isEmpty()) {
            b.dates(b.dates().withActivatedAt(Optional.of(event.eventTime())));
        }
        b.provenance(b.provenance().withUnknownAttributes(stillUnknown(b, event)));
        Optional<String> flag = current.isPresent() ? Lifecycle.flagFor(from, to) : Optional.empty();
        return new ProjectionStep(Optional.of(b.build()), before, Optional.of(to), flag);
    }

    /**
     * The describing attributes still unknown after {@code event}: a creation or a complete read of the
     * key tells them all; any other event tells those it carries.
     */
    private static Set<String> stillUnknown(CryptoAsset.Builder b, KeyEvent event) {
        boolean describes = event.action() == Action.CREATE || event.action() == Action.OBSERVE
                && event.attribute(KeyAttribute.OBSERVATION).map(o -> o.equalsIgnoreCase(Observation.FULL.name()))
                .orElse(false);
        if (describes) {
            return Set.of();
        }
        Set<String> unknown = new TreeSet<>(b.provenance().unknownAttributes());
        unknown.removeAll(event.attributes().keySet());
        if (b.state().isKnown()) {
            unknown.remove(KeyAttribute.STATE.wireName());
        }
        return unknown;
    }

    /**
     * Google keeps state per version: an event about a version decides the key's state through its
     * versions (the key is as alive as its most alive version), unless it names the key's state.
     */
    private static boolean versionDecides(CryptoAsset.Builder b, KeyEvent event) {
        return event.versionId().isPresent() && event.attribute(KeyAttribute.STATE).isEmpty()
                && event.action() != Action.DECLARE_COMPROMISE && !b.versions().isEmpty();
    }

    private static Optional<KeyVersion> liveliestVersion(CryptoAsset.Builder b) {
        return b.versions().stream().min(Comparator.comparingInt((KeyVersion v) -> LIVENESS.indexOf(v.state())));
    }

    private static Optional<LifecycleState> targetState(KeyEvent event) {
        return event.attribute(KeyAttribute.STATE)
                .map(v -> AttributeValues.enumValue(LifecycleState.class, v))
                .or(() -> event.action().resultingState());
    }

    private static void applyAttributes(CryptoAsset.Builder b, KeyEvent event) {
        // Tags, aliases and grantees are copied when an attribute changes them: most events change none.
        Map<String, String> tags = null;
        Set<String> aliases = null;
        Regulatory reg = b.regulatory();
        Responsibility resp = b.responsibility();
        Ownership ownership = b.ownership();
        KeyAccess access = b.access();
        Set<String> grantees = null;
        RotationPolicy rotation = b.rotation();
        DestructionPolicy destruction = b.destruction();
        Provenance p = b.provenance();
        for (Map.Entry<String, String> attr : event.attributes().entrySet()) {
            String v = attr.getValue();
            if (attr.getKey().startsWith(KeyAttribute.TAG_PREFIX)) {
                tags = copied(tags, b.tags());
                tags.put(attr.getKey().substring(KeyAttribute.TAG_PREFIX.length()), v);
                continue;
            }
            Optional<KeyAttribute> known = KeyAttribute.fromWireName(attr.getKey());
            if (known.isEmpty()) {
                continue;
            }
            switch (known.get()) {
                case KIND -> b.kind(AttributeValues.enumValue(KeyKind.class, v));
                case ALGORITHM -> b.algorithm(v.trim());
                case NATIVE_SPEC -> b.nativeSpec(Optional.of(v.trim()));
                case KEY_USAGE -> b.keyUsage(AttributeValues.enumValue(KeyUsage.class, v));
                case PROTECTION -> b.protection(AttributeValues.enumValue(ProtectionLevel.class, v));
                case ORIGIN -> b.origin(AttributeValues.enumValue(KeyOrigin.class, v));
                case MANAGER -> b.manager(AttributeValues.enumValue(KeyManager.class, v));
                case DESCRIPTION -> b.description(text(v));
                case OWNER -> {
                    ownership = ownership.withDeclared(text(v));
                    b.owner(text(v));
                }
                case REPLICA_OF -> b.replicaOf(text(v));
                case MULTI_REGION -> b.multiRegion(AttributeValues.bool(v));
                case CUSTOM_KEY_STORE -> b.keyStore(text(v));
                case ALIAS_ADD -> {
                    aliases = copied(aliases, b.aliases());
                    aliases.addAll(AttributeValues.list(v));
                }
                case ALIAS_REMOVE -> {
                    aliases = copied(aliases, b.aliases());
                    aliases.removeAll(AttributeValues.list(v));
                }
                case UNTAG -> {
                    tags = copied(tags, b.tags());
                    tags.keySet().removeAll(AttributeValues.list(v));
                }
                case ROTATION_ENABLED -> rotation = new RotationPolicy(AttributeValues.bool(v), rotation.period());
                case ROTATION_PERIOD -> rotation = new RotationPolicy(rotation.enabled(),
                        Optional.of(AttributeValues.duration(v)));
                case DESTRUCTION_DELAY -> destruction = destruction.withDelay(Optional.of(AttributeValues.duration(v)));
                case RECOVERY_LEVEL -> destruction = destruction.withRecoveryLevel(text(v));
                case CLASSIFICATION -> reg = reg.withClassification(text(v));
                case JURISDICTION -> reg = reg.withJurisdiction(text(v));
                case RETENTION_CLASS -> reg = reg.withRetentionClass(text(v));
                case CHANGE_REFERENCE -> reg = reg.withChangeReference(text(v));
                // A party set for the key overrides the tenant's rules; a blank one gives the key back to them.
                case RESPONSIBILITY_PARTY -> resp = v.isBlank() ? Responsibility.UNKNOWN
                        : Responsibility.override(AttributeValues.enumValue(ResponsibilityParty.class, v), resp.mode());
                case RESPONSIBILITY_MODE -> resp = Responsibility.override(resp.party(), text(v));
                case ACCESS_GRANTEES -> grantees = new TreeSet<>(AttributeValues.list(v));
                case ACCESS_GRANTEE_ADD -> {
                    grantees = copied(grantees, access.grantees());
                    grantees.addAll(AttributeValues.list(v));
                }
                case ACCESS_EXTERNAL_PRINCIPALS -> access = access.withExternalPrincipals(AttributeValues.list(v));
                case ACCESS_MODEL -> access = access.withModel(text(v));
                case POLICY_LOCKOUT_RISK -> access = access.withPolicyLockoutRisk(Optional.of(AttributeValues.bool(v)));
                case OBSERVATION -> p = p.withObservation(AttributeValues.enumValue(Observation.class, v),
                        AttributeValues.enumValue(Observation.class, v) == Observation.FULL
                                ? Optional.empty() : p.observationNote());
                case OBSERVATION_NOTE -> p = p.withObservation(p.observation(), text(v));
                default -> {
                    // state, dates, versions and usage are applied by their own steps
                }
            }
        }
        if (tags != null) {
            b.tags(tags);
        }
        if (aliases != null) {
            b.aliases(aliases);
        }
        b.regulatory(reg).responsibility(resp).rotation(rotation).destruction(destruction).provenance(p)
                .ownership(ownership).access(grantees == null ? access : access.withGrantees(grantees));
    }

    /** The copy being changed, or a new sorted copy of the original on the first change. */
    private static Map<String, String> copied(Map<String, String> copy, Map<String, String> original) {
        return copy != null ? copy : new TreeMap<>(original);
    }

    private static Set<String> copied(Set<String> copy, Set<String> original) {
        return copy != null ? copy : new TreeSet<>(original);
    }

    private static void applyDates(CryptoAsset.Builder b, KeyEvent event) {
        KeyDates d = b.dates();
        Instant at = event.eventTime();
        if (event.attribute(KeyAttribute.CREATED_AT).isPresent()) {
            d = d.withCreatedAt(event.attribute(KeyAttribute.CREATED_AT).flatMap(AttributeValues::optionalInstant));
        } else if (event.action() == Action.CREATE && d.createdAt().isEmpty()) {
            d = d.withCreatedAt(Optional.of(at));
        }
        if (event.attribute(KeyAttribute.NOT_BEFORE).isPresent()) {
            d = d.withActivatedAt(event.attribute(KeyAttribute.NOT_BEFORE).flatMap(AttributeValues::optionalInstant));
        }
        if (event.attribute(KeyAttribute.EXPIRES_AT).isPresent()) {
            d = d.withExpiresAt(event.attribute(KeyAttribute.EXPIRES_AT).flatMap(AttributeValues::optionalInstant));
        }
        if (event.attribute(KeyAttribute.DESTRUCTION_SCHEDULED_AT).isPresent()) {
            d = d.withDestructionScheduledAt(
                    event.attribute(KeyAttribute.DESTRUCTION_SCHEDULED_AT).flatMap(AttributeValues::optionalInstant));
        }
        if (event.attribute(KeyAttribute.DESTRUCTION_REQUESTED_AT).isPresent()) {
            d = d.withDestructionRequestedAt(
                    event.attribute(KeyAttribute.DESTRUCTION_REQUESTED_AT).flatMap(AttributeValues::optionalInstant));
        }
        Optional<Instant> listedUpdate = event.attribute(KeyAttribute.UPDATED_AT).flatMap(AttributeValues::optionalInstant);
        if (listedUpdate.isPresent()) {
            // The latest listing's word wins, whatever order sweeps' events arrive in.
            d = d.withUpdatedAt(d.updatedAt().filter(u -> u.isAfter(listedUpdate.get())).or(() -> listedUpdate));
        }
        Optional<Instant> listedRotation = event.attribute(KeyAttribute.LAST_ROTATED_AT)
                .flatMap(AttributeValues::optionalInstant);
        if (listedRotation.isPresent()) {
            // The latest rotation known wins, whichever told of it first: a listing or a rotation event.
            d = d.withLastRotatedAt(d.lastRotatedAt().filter(r -> r.isAfter(listedRotation.get())).or(() -> listedRotation));
        }
        switch (event.action()) {
            case CANCEL_DESTRUCTION, RECOVER -> d = d.withDestructionScheduledAt(Optional.empty())
                    .withDestructionRequestedAt(Optional.empty());
            // The first report of a destruction dates it (AWS reports one through two channels).
            case DESTROY -> d = d.withDestroyedAt(d.destroyedAt().filter(x -> !x.isAfter(at)).or(() -> Optional.of(at)))
                    .withDestructionScheduledAt(Optional.empty());
            case ROTATE -> d = d.withLastRotatedAt(d.lastRotatedAt().filter(r -> r.isAfter(at)).or(() -> Optional.of(at)));
            default -> {
                // no date of its own
            }
        }
        Optional<Instant> rotationBase = d.lastRotatedAt().or(d::createdAt);
        RotationPolicy rotation = b.rotation();
        if (rotation.enabled() && rotation.period().isPresent() && rotationBase.isPresent()) {
            d = d.withNextRotationAt(Optional.of(rotationBase.get().plus(rotation.period().get())));
        } else {
            d = d.withNextRotationAt(Optional.empty());
        }
        b.dates(d);
    }

    private static void applyVersion(CryptoAsset.Builder b, KeyEvent event) {
        if (event.versionId().isEmpty()) {
            return;
        }
        String versionId = event.versionId().get();
        Optional<LifecycleState> versionState = event.attribute(KeyAttribute.VERSION_STATE)
                .or(() -> event.attribute(KeyAttribute.STATE))
                .map(v -> AttributeValues.enumValue(LifecycleState.class, v))
                .or(() -> event.action().resultingState());
        String nativeState = event.attribute(KeyAttribute.NATIVE_STATE).orElse("");
        List<KeyVersion> versions = new ArrayList<>(b.versions());
        int index = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).versionId().equals(versionId)) {
                index = i;
            }
        }
        if (index < 0) {
            versions.add(new KeyVersion(versionId, versionState.orElse(LifecycleState.ACTIVE), nativeState,
                    Optional.of(event.eventTime())));
        } else if (versionState.isPresent()) {
            KeyVersion old = versions.get(index);
            Optional<Instant> created = old.createdAt().filter(c -> !c.isAfter(event.eventTime()))
                    .or(() -> Optional.of(event.eventTime()));
            versions.set(index, new KeyVersion(versionId, versionState.get(),
                    nativeState.isEmpty() ? old.nativeState() : nativeState, created));
        }
        versions.sort(Comparator.comparing(KeyVersion::versionId));
        b.versions(versions);
    }

    private static void applyUsage(CryptoAsset.Builder b, KeyEvent event) {
        b.usageContext(b.usageContext().merge(usageOf(event)));
    }

    /** The usage an event reports: its services and AI categories, and for a use, when and by whom. */
    public static UsageContext usageOf(KeyEvent event) {
        // Built in one go: this runs for every use read, and the usage of most uses is one service.
        Set<String> services = new TreeSet<>();
        Set<String> aiServices = new TreeSet<>();
        // Plain ifs and loops rather than lambdas that capture the sets, for the same reason.
        Optional<String> used = event.attribute(KeyAttribute.USED_BY_SERVICE);
        if (used.isPresent()) {
            services.addAll(AttributeValues.list(used.get()));
        }
        Optional<String> usedByAi = event.attribute(KeyAttribute.USED_BY_AI_SERVICE);
        if (usedByAi.isPresent()) {
            List<String> ai = AttributeValues.list(usedByAi.get());
            services.addAll(ai);
            aiServices.addAll(ai);
        }
        Set<AiUsageCategory> categories = new TreeSet<>();
        Optional<String> aiCategories = event.attribute(KeyAttribute.AI_USAGE_CATEGORY);
        if (aiCategories.isPresent()) {
            for (String c : AttributeValues.list(aiCategories.get())) {
                categories.add(AttributeValues.enumValue(AiUsageCategory.class, c));
            }
        }
        Map<String, String> tags = new TreeMap<>();
        for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
            if (attribute.getKey().startsWith(KeyAttribute.TAG_PREFIX)) {
                tags.put(attribute.getKey().substring(KeyAttribute.TAG_PREFIX.length()), attribute.getValue());
            }
        }
        if (!tags.isEmpty()) {
            categories.addAll(AiUsageCategory.fromTags(tags));
        }
        ProtectedResources protects = ProtectedResources.NONE;
        List<String> resources = event.attribute(KeyAttribute.PROTECTED_RESOURCE).map(AttributeValues::list)
                .orElse(List.of());
        if (!resources.isEmpty()) {
            protects = ProtectedResources.of(resources);
        }
        Optional<Long> counted = event.attribute(KeyAttribute.PROTECTED_RESOURCE_COUNT).map(AttributeValues::count);
        if (counted.isPresent() && counted.get() > 0) {
            protects = protects.merge(ProtectedResources.reported(counted.get()));
        }
        UsageContext usage = new UsageContext(services, aiServices, Optional.empty(), Optional.empty(), categories,
                Optional.empty(), Optional.empty(), protects);
        if (event.action() == Action.USE) {
            // The calling service comes from the decoders' usage.service; invokedBy may name a person.
            Optional<String> by = event.attribute(KeyAttribute.USED_BY_PRINCIPAL).or(() -> Optional.of(event.actor().principal()));
            Optional<String> operation = Optional.of(event.source().operation()).filter(o -> !o.isBlank());
            // To the hour: a key in constant use then changes its rollup hourly, not per call.
            usage = usage.withUse(event.eventTime().truncatedTo(ChronoUnit.HOURS), by, operation);
        }
        Optional<Instant> tracked = event.attribute(KeyAttribute.LAST_USED_AT).map(AttributeValues::instant);
        if (tracked.isPresent()) {
            // The provider's own record of the last use (a sweep read it): no principal, but the operation.
            usage = usage.withUse(tracked.get().truncatedTo(ChronoUnit.HOURS), Optional.empty(),
                    event.attribute(KeyAttribute.LAST_OPERATION));
        }
        return usage;
    }

    /**
     * What a key's record keeps of its usage rollup: the services, the AI services and categories, and the last
     * use only to the start of its dormancy period (periods of {@code dormancy} counted from the epoch, at least an
     * hour), without its principal and operation; the first use (to the hour) as the rollup has it (it only moves
     * earlier). The rollup keeps the hour, the principal, the operation and the resources the uses name; readers
     * present a key with its rollup merged in ({@link io.keyledger.core.store.KeysWithUsage}). So the record, and
     * the ledger, changes with uses only when they say something new about the key: a service or AI use not seen
     * before, or a use in a later period (a key idle for a whole period always lands in a later one). A function
     * of the rollup alone, so the record stays the same whatever the order of the uses.
     */
    public static UsageContext onRecord(UsageContext rollup, java.time.Duration dormancy) {
        long period = Math.max(3600, dormancy.toSeconds());
        Optional<Instant> at = rollup.lastUsedAt()
                .map(t -> Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), period) * period));
        return new UsageContext(rollup.services(), rollup.aiServices(), at, Optional.empty(), rollup.aiCategories(),
                rollup.firstUsedAt(), Optional.empty(), ProtectedResources.NONE);
    }

    private static Optional<String> text(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static List<StoredEvent> sorted(List<StoredEvent> events) {
        List<StoredEvent> copy = new ArrayList<>(events);
        copy.sort(StoredEvent.HISTORY_ORDER);
        return copy;
    }
}
