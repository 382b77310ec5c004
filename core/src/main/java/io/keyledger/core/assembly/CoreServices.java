package io.keyledger.core.assembly;

import io.keyledger.core.alert.AlertDispatcher;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepRunner;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The core services of one entry point (a CLI command, the local server, a Lambda container, a
 * harness), assembled on one store, one clock and one {@link CoreSettings}. Each service is built once,
 * on first request, and the same instance is handed out from then on, with the same collaborators: the
 * inventory, the reconciler and the alert service share one {@link RetentionService} and one
 * {@link AlertService}, whose dispatcher counts every alert the entry point raised.
 *
 * <p>Built on first request so that an entry point pays only for what it uses (a Lambda function's
 * cold start); building is cheap and does no I/O. Thread-safe.
 */
public final class CoreServices {

    private final InventoryStore store;
    private final Clock clock;
    private final CoreSettings settings;

    private RetentionService retention;
    private AlertService alerts;
    private InventoryService inventory;
    private Reconciler reconciler;
    private LedgerVerifier verifier;

    private CoreServices(InventoryStore store, Clock clock, CoreSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
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

    public InventoryStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public CoreSettings settings() {
        return settings;
    }

    /** Retention policies, legal holds, purges, and the expiry rules every other service stamps with. */
    public synchronized RetentionService retention() {
        if (retention == null) {
            retention = new RetentionService(store, clock);
        }
        return retention;
    }

    /** Raises, sends and acknowledges alerts, under the settings' policies, to the settings' sinks. */
    public synchronized AlertService alerts() {
        if (alerts == null) {
            alerts = new AlertService(store, clock, settings.policies(), new AlertDispatcher(settings.alertSinks()),
                    retention());
        }
        return alerts;
    }

    /** Applies key events to the inventory, each to its account's tenant (or to a tenant given). */
    public synchronized InventoryService inventory() {
        if (inventory == null) {
            inventory = new InventoryService(store, settings.tenants(), clock, settings.ingestListener(), retention(),
                    detection(), settings.inventory(), settings.limits());
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

    /** Verifies the tenants' ledgers as the store holds them. */
    public synchronized LedgerVerifier verifier() {
        if (verifier == null) {
            verifier = new LedgerVerifier(store);
        }
        return verifier;
    }

    /** The alert service ingest and sweeps raise alerts through, if the settings detect anomalies. */
    private Optional<AlertService> detection() {
        return settings.detectsAnomalies() ? Optional.of(alerts()) : Optional.empty();
    }
}
