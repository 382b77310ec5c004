package io.keyledger.core.assembly;

import io.keyledger.core.alert.AlertDispatcher;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.archive.Archiver;
import io.keyledger.core.archive.TieredEvents;
import io.keyledger.core.archive.TieredLedger;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.Checkpointer;
import io.keyledger.core.ledger.LedgerTrust;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.ledger.TrustedKeys;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepRunner;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The core services of one entry point (a CLI command, the local server, a Lambda container, a
 * harness), assembled on one store, one clock and one {@link CoreSettings}. Each service is built once,
 * on first request, and the same instance is handed out from then on, with the same collaborators: the
 * inventory, the reconciler and the alert service share one {@link RetentionService} and one
 * {@link AlertService}, whose dispatcher counts every alert the entry point raised.
 *
 * <p>The ledger's collaborators come from {@link LedgerSettings}: with a signer, every service that appends
 * to a ledger has the heads it moved signed at the end of its batch ({@link #checkpointRequests()}); with an
 * archive tier, {@link #store()} reads the ledger and the keys' histories across both tiers, so that every
 * service and report sees one ledger whatever moved to the archive.
 *
 * <p>Built on first request so that an entry point pays only for what it uses (a Lambda function's
 * cold start); building is cheap and does no I/O. Thread-safe.
 */
public final class CoreServices {

    private final InventoryStore storeTier;
    private final InventoryStore store;
    private final Clock clock;
    private final CoreSettings settings;

    private Optional<TieredLedger> tiered;
    private Optional<Checkpointer> checkpointer;
    private CheckpointRequests checkpointRequests;
    private Optional<Archiver> archiver;
    private RetentionService retention;
    private AlertService alerts;
    private InventoryService inventory;
    private Reconciler reconciler;
    private LedgerVerifier verifier;

    private CoreServices(InventoryStore store, Clock clock, CoreSettings settings) {
        this.storeTier = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tiered = settings.ledger().archive().map(objects -> new TieredLedger(store, store, store, objects, clock));
        this.store = tiered.<InventoryStore>map(ledger -> StoreParts.of(store).withLedger(ledger)
                .withEvents(new TieredEvents(store, store, store, ledger, clock)).compose()).orElse(store);
    }

    public static CoreServices of(InventoryStore store, Clock clock, CoreSettings settings) {
        return new CoreServices(store, clock, settings);
    }

    /**
     * The process's one system clock, for the composition roots (the CLI's main, the Lambda context, the
     * harnesses) to build their assemblies on. Everything else takes time from an injected clock.
     */
    public static Clock systemClock() {
        return Clock.systemUTC();
    }

    /** The store as the services read it: with an archive tier, its ledger and histories span both tiers. */
    public InventoryStore store() {
        return store;
    }

    /** The store itself, without the archive tier: what a purge or an archive run changes. */
    public InventoryStore storeTier() {
        return storeTier;
    }

    public Clock clock() {
        return clock;
    }

    public CoreSettings settings() {
        return settings;
    }

    /** Signs the tenants' ledger heads, if this entry point holds the signing key. */
    public synchronized Optional<Checkpointer> checkpointer() {
        if (checkpointer == null) {
            LedgerSettings ledger = settings.ledger();
            checkpointer = ledger.signer().map(signer -> new Checkpointer(store, storeTier,
                    ledger.anchors().stream().findFirst(), signer, clock, ledger.writeWindow()));
        }
        return checkpointer;
    }

    /**
     * How the services have the ledger heads they moved signed: through the settings' requests (a queue to
     * the function that holds the key), else by this entry point's own signer at once, else not at all.
     */
    public synchronized CheckpointRequests checkpointRequests() {
        if (checkpointRequests == null) {
            checkpointRequests = settings.ledger().requests()
                    .orElseGet(() -> checkpointer().map(CheckpointRequests::signingNow).orElse(CheckpointRequests.NONE));
        }
        return checkpointRequests;
    }

    /** The archive tier, if the settings have one. */
    public synchronized Optional<Archiver> archiver() {
        if (archiver == null) {
            LedgerSettings ledger = settings.ledger();
            archiver = ledger.archive().map(objects -> new Archiver(storeTier, objects, ledger.signer(), verifier(),
                    checkpointRequests(), clock, ledger.segmentRecords()));
        }
        return archiver;
    }

    /** Retention policies, legal holds, purges, and the expiry rules every other service stamps with. */
    public synchronized RetentionService retention() {
        if (retention == null) {
            retention = new RetentionService(store, clock, verifier(), settings.ledger().signer(), archiver(),
                    checkpointRequests());
        }
        return retention;
    }

    /** Raises, sends and acknowledges alerts, under the settings' policies, to the settings' sinks. */
    public synchronized AlertService alerts() {
        if (alerts == null) {
            alerts = new AlertService(store, clock, settings.policies(), new AlertDispatcher(settings.alertSinks()),
                    retention(), checkpointRequests());
        }
        return alerts;
    }

    /** Applies key events to the inventory, each to its account's tenant (or to a tenant given). */
    public synchronized InventoryService inventory() {
        if (inventory == null) {
            inventory = new InventoryService(store, settings.tenants(), clock, settings.ingestListener(), retention(),
                    detection(), settings.inventory(), settings.limits(), checkpointRequests(), settings.policies());
        }
        return inventory;
    }

    /** Sweeps one scope into the tenant its caller resolved, through {@link #inventory()}. */
    public synchronized Reconciler reconciler() {
        if (reconciler == null) {
            reconciler = new Reconciler(inventory(), store, clock, detection());
        }
        return reconciler;
    }

    /**
     * Sweeps many scopes at once through {@link #reconciler()}, each into the tenant the settings resolve
     * its account to. A runner holds only its parallelism beside the shared reconciler, so each call
     * gives a new one.
     *
     * @param parallelism how many scopes are swept at once, at least one
     */
    public SweepRunner sweepRunner(int parallelism) {
        return new SweepRunner(reconciler(), settings.tenants(), parallelism);
    }

    /**
     * Verifies the tenants' ledgers across both tiers, and what they attest, with the trusted public keys:
     * the settings' verification keys, else the signer's own (read when the verifier is first asked for: a
     * cloud KMS key's public key is fetched then, never while the entry point starts).
     */
    public synchronized LedgerVerifier verifier() {
        if (verifier == null) {
            LedgerSettings ledger = settings.ledger();
            java.util.function.Supplier<TrustedKeys> keys = () -> new TrustedKeys(ledger.verificationKeys()
                    .map(java.util.function.Supplier::get)
                    .orElseGet(() -> ledger.signer().map(s -> List.of(s.publicKey())).orElse(List.<SigningPublicKey>of())));
            verifier = new LedgerVerifier(storeTier, store, clock,
                    new LedgerTrust(keys, ledger.anchors(), ledger.writeWindow()));
        }
        return verifier;
    }

    /** The alert service ingest and sweeps raise alerts through, if the settings detect anomalies. */
    private Optional<AlertService> detection() {
        return settings.detectsAnomalies() ? Optional.of(alerts()) : Optional.empty();
    }
}
