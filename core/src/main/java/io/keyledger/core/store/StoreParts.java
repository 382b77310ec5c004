package io.keyledger.core.store;

import java.util.Objects;

/**
 * A store taken apart into its feature ports, to be put together again with one part replaced: a test's
 * fault injector on the ledger, a benchmark's timer on the key records. Start from {@link #of} a store,
 * replace a part with a {@code with...} method, and {@link #compose()}; every call of the composed store
 * goes to the part that serves it, and nothing else changes.
 */
public record StoreParts(KeyRecordStore keys, KeyStoreRecordStore keyStores, UsageStore usage, EventStore events,
                         LedgerStore ledger, AlertStore alerts, SweepReportStore sweepReports,
                         RetentionStore retention, StoreLifecycle lifecycle) {

    public StoreParts {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(keyStores, "keyStores");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(sweepReports, "sweepReports");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** Every part of {@code store} taken from the store itself. */
    public static StoreParts of(InventoryStore store) {
        Objects.requireNonNull(store, "store");
        return new StoreParts(store, store, store, store, store, store, store, store, StoreLifecycle.of(store));
    }

    public StoreParts withKeys(KeyRecordStore keys) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withKeyStores(KeyStoreRecordStore keyStores) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withUsage(UsageStore usage) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withEvents(EventStore events) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withLedger(LedgerStore ledger) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withAlerts(AlertStore alerts) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withSweepReports(SweepReportStore sweepReports) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withRetention(RetentionStore retention) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    public StoreParts withLifecycle(StoreLifecycle lifecycle) {
        return new StoreParts(keys, keyStores, usage, events, ledger, alerts, sweepReports, retention, lifecycle);
    }

    /** One store made of these parts; closing it closes the lifecycle part. */
    public InventoryStore compose() {
        return new ComposedStore(this);
    }
}
