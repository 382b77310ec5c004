package io.keyledger.core.sweep;

import io.keyledger.core.alert.AlertService;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.Observation;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.tenant.TenantIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sweeps one scope: lists what the cloud really holds, classifies every key (confirmed, untracked,
 * missing, drifted), corrects the inventory through ordinary events whose source is
 * {@code sweep:<id>} (so every correction is ledgered like any change), and reports.
 *
 * <p>A scope whose listing fails or is cut short is reported as partial, and then no key is treated
 * as missing. A key missing from a complete listing is confirmed with a direct read before it is
 * marked destroyed, and that destruction is recorded as not observed in the audit trail. If any of
 * those direct reads fails, the scope is partial and no key is marked missing, not even those already
 * confirmed gone: a partial report never classes a key as missing.
 *
 * <p>A sweep can start from a cursor, to finish a listing an earlier run cut short. Such a resumed
 * sweep is always partial: it has not listed the pages before its cursor in this run, so it cannot tell
 * a key that is gone from one it did not look at.
 */
public final class Reconciler {

    static final String NOT_OBSERVED = "destruction not observed in the audit trail (found missing by sweep %s)";
    static final String RESUMED = "resumed from cursor %s: pages before it were not listed in this run, "
            + "so no key is classed as missing";

    private final InventoryService inventory;
    private final InventoryStore store;
    private final Clock clock;
    private final Optional<AlertService> alerts;

    /**
     * With {@code alerts}, each report's audit gaps (untracked keys, destruction not observed) raise alerts.
     * Built once per entry point by {@code io.keyledger.core.assembly.CoreServices}.
     */
    public Reconciler(InventoryService inventory, InventoryStore store, Clock clock, Optional<AlertService> alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sweeps the whole scope into {@code tenant}, the tenant its caller resolved the scope's account to. */
    public SweepReport sweep(String tenant, String sweepId, KeySource source) {
        return sweep(tenant, sweepId, source, Optional.empty()).report();
    }

    /**
     * Sweeps the scope into {@code tenant}, the tenant its caller resolved the scope's account to, listing
     * from {@code startCursor} when it is present (the {@link SweepOutcome#resumeCursor() resume cursor} of
     * a run that was cut short), from the first page otherwise. Only a sweep from the first page that lists
     * every page looks for missing keys: a resumed sweep is reported as partial, because the keys on the
     * pages it skipped are neither seen nor looked for, and telling "gone" from "not looked at" needs the
     * whole listing of one run.
     *
     * @throws IllegalArgumentException when {@code tenant} is not a valid tenant id
     */
    public SweepOutcome sweep(String tenant, String sweepId, KeySource source, Optional<String> startCursor) {
        TenantIds.requireValid(tenant);
        Objects.requireNonNull(startCursor, "startCursor");
        SweepScope scope = source.scope();
        Optional<PacingStats> pacingBefore = pacingOf(source);
        Instant started = clock.instant();
        Run run = new Run(sweepId, tenant, source, started);
        Optional<String> partial = run.listFrom(startCursor);
        run.keyStores();
        if (partial.isEmpty()) {
            partial = startCursor.isPresent() ? Optional.of(String.format(RESUMED, startCursor.get()))
                    : run.findMissing();
        }
        // Every correction is of a key in this scope, and so of its tenant.
        BatchResult applied = inventory.apply(tenant, run.corrections);
        SweepReport report = new SweepReport(sweepId, tenant, scope, started, clock.instant(), partial, run.swept,
                applied.applied(), run.apiCalls, run.explainedByEvents);
        store.putSweepReport(report);
        alerts.ifPresent(a -> a.onSweep(report));
        Optional<PacingStats> pacing = pacingOf(source).map(after -> after.since(pacingBefore.orElseThrow()));
        return new SweepOutcome(report, run.resumeCursor, pacing);
    }

    /**
     * The outcome of a scope whose sweep into {@code tenant} failed outside the key source's calls (the
     * store failed, say): a partial report with no keys, stored so that the tenant's reports show the scope
     * was not swept, and a resume cursor that repeats this run's start, since how far the listing got is
     * unknown.
     */
    SweepOutcome failed(String tenant, String sweepId, ScopeSweep task, Instant startedAt, RuntimeException failure) {
        String reason = "sweep failed: " + failure;
        SweepReport report = report(sweepId, tenant, task.scope(), startedAt, reason);
        try {
            store.putSweepReport(report);
        } catch (RuntimeException notStored) {
            report = report(sweepId, tenant, task.scope(), startedAt,
                    reason + "; the report could not be stored: " + notStored.getMessage());
        }
        return new SweepOutcome(report, task.startCursor(), Optional.empty());
    }

    /**
     * The outcome of a scope whose tenant could not be resolved: a partial report with no keys and no
     * tenant, which is therefore not stored, and a resume cursor that repeats this run's start.
     */
    SweepOutcome unresolved(String sweepId, ScopeSweep task, Instant startedAt, RuntimeException unresolved) {
        String reason = "sweep failed: " + unresolved + "; tenant unknown, so the report is not stored: "
                + unresolved.getMessage();
        return new SweepOutcome(report(sweepId, "", task.scope(), startedAt, reason), task.startCursor(),
                Optional.empty());
    }

    /** The clock sweeps are timed by, for a runner that reports a failed sweep. */
    Clock clock() {
        return clock;
    }

    private SweepReport report(String sweepId, String tenant, SweepScope scope, Instant startedAt, String reason) {
        return new SweepReport(sweepId, tenant, scope, startedAt, clock.instant(), Optional.of(reason), List.of(),
                0, 0, 0);
    }

    private static Optional<PacingStats> pacingOf(KeySource source) {
        return source instanceof PacedKeySource paced ? Optional.of(paced.stats()) : Optional.empty();
    }

    /** The state of one sweep of one scope. */
    private final class Run {
        private final String sweepId;
        private final String tenant;
        private final KeySource source;
        private final Instant at;
        private final Map<String, ObservedKey> seen = new LinkedHashMap<>();
        private final List<SweptKey> swept = new ArrayList<>();
        private final List<KeyEvent> corrections = new ArrayList<>();
        private long apiCalls;
        private long explainedByEvents;
        /** The cursor of the first page not listed, when the listing was cut short after a first page. */
        private Optional<String> resumeCursor = Optional.empty();

        Run(String sweepId, String tenant, KeySource source, Instant at) {
            this.sweepId = sweepId;
            this.tenant = tenant;
            this.source = source;
            this.at = at;
        }

        /**
         * Lists every page from {@code start}; a failure ends the listing, makes the scope partial and
         * keeps the cursor of the page that failed, so that a later run can list from there.
         */
        Optional<String> listFrom(Optional<String> start) {
            Optional<String> cursor = start;
            do {
                KeyListing page;
                try {
                    apiCalls++;
                    page = source.list(cursor);
                } catch (RuntimeException e) {
                    resumeCursor = cursor;
                    return Optional.of("listing failed after " + seen.size() + " keys: " + e.getMessage());
                }
                page.keys().forEach(this::classify);
                cursor = page.nextCursor();
            } while (cursor.isPresent());
            return Optional.empty();
        }

        /**
         * The scope's key stores, recorded as the sweep lists them. A listing that fails leaves them as the
         * keys that name them tell: the keys' classification does not depend on it.
         */
        void keyStores() {
            List<ObservedKeyStore> listed;
            try {
                listed = source.keyStores();
            } catch (RuntimeException e) {
                return;
            }
            for (ObservedKeyStore k : listed) {
                inventory.recordKeyStore(tenant, new io.keyledger.core.keystore.KeyStoreObservation(k.ref(),
                        k.kind(), at, "sweep:" + sweepId, k.name(), k.state(), k.backing(), k.createdAt(), false, true));
            }
        }

        private void classify(ObservedKey key) {
            if (seen.putIfAbsent(key.ref().id(), key) != null) {
                return;
            }
            // A key an earlier run of this sweep found untracked (it applied its corrections, then failed) is
            // untracked still: the same corrections again are duplicates, and the report says what the first would have.
            Optional<CryptoAsset> stored = store.asset(tenant, key.ref().id()).map(Versioned::value);
            Optional<Instant> earlierRun = stored.flatMap(this::createdByThisSweepAt);
            Optional<CryptoAsset> current = earlierRun.isPresent() ? Optional.empty() : stored;
            if (current.isEmpty()) {
                // Corrections sent again carry the first run's time, so that they are the very same events.
                Instant when = earlierRun.orElse(at);
                Map<String, String> attributes = new LinkedHashMap<>(key.attributes());
                observationOf(key).forEach(attributes::put);
                correct(key.ref(), Action.OBSERVE, Optional.empty(), attributes, when);
                key.versions().forEach(v -> correctVersion(key.ref(), v, when));
                swept.add(new SweptKey(key.ref().id(), KeyClass.UNTRACKED, key.unreadable().isPresent(),
                        List.of("in the cloud, never seen in an event")));
                return;
            }
            CryptoAsset asset = current.get();
            List<String> reasons = new ArrayList<>();
            Map<String, String> fixes = new LinkedHashMap<>();
            for (ObservedAttributes.Difference d : ObservedAttributes.differences(asset, key.attributes())) {
                if (d.drift()) {
                    reasons.add(d.toString());
                }
                fixes.put(d.attribute(), d.observed());
            }
            // The operation goes with the last use it belongs to.
            if (fixes.containsKey(KeyAttribute.LAST_USED_AT.wireName())) {
                key.attribute(KeyAttribute.LAST_OPERATION).ifPresent(op -> fixes.put(KeyAttribute.LAST_OPERATION.wireName(), op));
            }
            Map<String, String> observation = observationOf(key);
            // A complete read also describes a key first seen in an event that left attributes unknown.
            boolean observationChanged = !observation.get(KeyAttribute.OBSERVATION.wireName())
                    .equals(asset.provenance().observation().name())
                    || key.unreadable().isEmpty() && !asset.provenance().unknownAttributes().isEmpty();
            if (!fixes.isEmpty() || observationChanged) {
                fixes.putAll(observation);
                correct(key.ref(), Action.OBSERVE, Optional.empty(), fixes);
            }
            for (KeyVersion v : key.versions()) {
                boolean same = asset.versions().stream().anyMatch(r -> r.versionId().equals(v.versionId())
                        && r.state() == v.state() && r.nativeState().equals(v.nativeState()));
                if (!same) {
                    reasons.add("version " + v.versionId() + " " + v.state() + " (" + v.nativeState() + ")");
                    correctVersion(key.ref(), v);
                }
            }
            if (reasons.isEmpty() && correctedByThisSweep(asset)) {
                reasons.add("corrected by an earlier run of sweep " + sweepId);
                // That run may have died between writing the record and ledgering the change.
                inventory.attestIfUnattested(tenant, asset.ref());
            }
            if (reasons.isEmpty()) {
                if (!asset.provenance().lastEventId().startsWith("sweep:")) {
                    explainedByEvents++;
                }
                swept.add(new SweptKey(asset.id(), KeyClass.CONFIRMED, key.unreadable().isPresent(),
                        key.unreadable().map(List::of).orElse(List.of())));
            } else {
                key.unreadable().ifPresent(reasons::add);
                swept.add(new SweptKey(asset.id(), KeyClass.DRIFTED, key.unreadable().isPresent(), reasons));
            }
        }

        private Map<String, String> observationOf(ObservedKey key) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put(KeyAttribute.OBSERVATION.wireName(),
                    (key.unreadable().isPresent() ? Observation.PARTIAL : Observation.FULL).name());
            key.unreadable().ifPresent(why -> out.put(KeyAttribute.OBSERVATION_NOTE.wireName(), why));
            return out;
        }

        /**
         * Keys the inventory holds in this scope that the listing did not show, each confirmed by a direct
         * read. The confirmed ones are classed missing only once every read has succeeded, so that a
         * scope cut short here (throttled past its budget, say) classes no key as missing.
         */
        Optional<String> findMissing() {
            SweepScope scope = source.scope();
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            List<CryptoAsset> candidates = new ArrayList<>();
            while (true) {
                Page<CryptoAsset> assets = store.assets(tenant, AssetQuery.ALL.withProvider(scope.provider()), page);
                for (CryptoAsset a : assets.items()) {
                    // a key an earlier run of this sweep found gone (and destroyed) is looked for again, so that the
                    // run that completes reports it as the first run would have
                    if (a.ref().accountScope().equals(scope.account()) && a.ref().location().equals(scope.location())
                            && (!a.state().isDestroyed() || correctedByThisSweep(a)) && !seen.containsKey(a.id())) {
                        candidates.add(a);
                    }
                }
                if (assets.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(assets.nextCursor().get());
            }
            List<CryptoAsset> gone = new ArrayList<>();
            for (CryptoAsset a : candidates) {
                Optional<ObservedKey> direct;
                try {
                    apiCalls++;
                    direct = source.describe(a.ref());
                } catch (RuntimeException e) {
                    return Optional.of("direct read of " + a.id() + " failed: " + e.getMessage()
                            + (gone.isEmpty() ? "" : "; " + gone.size()
                                    + " key(s) confirmed gone are left for the next whole sweep"));
                }
                if (direct.isPresent()) {
                    // The listing missed it (eventual consistency): it is there after all.
                    classify(direct.get());
                } else {
                    gone.add(a);
                }
            }
            String note = String.format(NOT_OBSERVED, sweepId);
            for (CryptoAsset a : gone) {
                correct(a.ref(), Action.DESTROY, Optional.empty(), Map.of(KeyAttribute.OBSERVATION_NOTE.wireName(), note));
                swept.add(new SweptKey(a.id(), KeyClass.MISSING, false,
                        List.of("gone from the cloud; " + note)));
            }
            return Optional.empty();
        }

        /** Whether the key's latest event is this sweep's own correction: a run of it applied them, then failed. */
        private boolean correctedByThisSweep(CryptoAsset asset) {
            return asset.provenance().lastEventId().equals(correctionId(asset.ref(), Optional.empty()));
        }

        /**
         * When every event of the key is this sweep's (the key was untracked when this sweep began), the time of
         * the run that created it.
         */
        private Optional<Instant> createdByThisSweepAt(CryptoAsset asset) {
            if (!correctedByThisSweep(asset)) {
                return Optional.empty();
            }
            String own = "sweep:" + sweepId + ":" + asset.id();
            List<io.keyledger.core.store.StoredEvent> events = store.eventsForKey(tenant, asset.id());
            if (!events.stream().allMatch(e -> e.event().eventId().startsWith(own))) {
                return Optional.empty();
            }
            return events.stream().map(e -> e.event().eventTime()).min(Instant::compareTo);
        }

        private String correctionId(KeyRef ref, Optional<String> version) {
            return "sweep:" + sweepId + ":" + ref.id() + version.map(v -> "#" + v).orElse("");
        }

        private void correctVersion(KeyRef ref, KeyVersion v) {
            correctVersion(ref, v, at);
        }

        private void correctVersion(KeyRef ref, KeyVersion v, Instant when) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(KeyAttribute.VERSION_STATE.wireName(), v.state().name());
            if (!v.nativeState().isEmpty()) {
                attributes.put(KeyAttribute.NATIVE_STATE.wireName(), v.nativeState());
            }
            correct(ref, Action.OBSERVE, Optional.of(v.versionId()), attributes, when);
        }

        private void correct(KeyRef ref, Action action, Optional<String> version, Map<String, String> attributes) {
            correct(ref, action, version, attributes, at);
        }

        /** A correction: what the listing says of the key (or one of its versions), as observed at {@code when}. */
        private void correct(KeyRef ref, Action action, Optional<String> version, Map<String, String> attributes,
                             Instant when) {
            String id = correctionId(ref, version);
            corrections.add(new KeyEvent(id, when, action, ref, version, Actor.system("keyledger-sweep"),
                    Outcome.SUCCESS, attributes, new SourcePointer("sweep", sweepId, source.scope().id())));
        }
    }
}
