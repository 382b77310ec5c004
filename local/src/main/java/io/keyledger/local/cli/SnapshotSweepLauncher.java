package io.keyledger.local.cli;

import io.keyledger.core.alert.AlertService;
import io.keyledger.core.ingest.IngestListener;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.SweepLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Sweeps for the local server: a sweep started through the API reconciles the tenant's scopes in the
 * saved provider listings of {@code --snapshots DIR} (the layouts of docs/providers/), as
 * {@code keyledger sweep --snapshot} does. It runs before the API answers: local listings are small.
 */
final class SnapshotSweepLauncher implements SweepLauncher {

    private static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'api-'yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Optional<Path> snapshots;
    private final InventoryStore store;
    private final TenantMapping tenants;
    private final AlertService alerts;
    private final Clock clock;

    SnapshotSweepLauncher(Optional<Path> snapshots, InventoryStore store, TenantMapping tenants, AlertService alerts,
                          Clock clock) {
        this.snapshots = snapshots;
        this.store = store;
        this.tenants = tenants;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public synchronized String start(String tenant, String requestedBy) {
        Path dir = snapshots.orElseThrow(() -> new IllegalStateException(
                "this server has no listings to sweep: start it with 'keyledger serve --snapshots DIR'"));
        List<KeySource> sources;
        try {
            sources = CliSnapshots.sources(dir, clock).stream().filter(s -> tenantOf(s.scope()).equals(tenant)).toList();
        } catch (SnapshotFormatException e) {
            throw new IllegalStateException("the saved listings cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved listings in " + dir, e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("the saved listings hold no scope of tenant " + tenant);
        }
        InventoryService inventory = new InventoryService(store, tenants, clock, IngestListener.NONE,
                Optional.of(alerts));
        Reconciler reconciler = new Reconciler(inventory, store, tenants, clock, Optional.of(alerts));
        String sweepId = SWEEP_ID.format(clock.instant());
        for (KeySource source : sources) {
            reconciler.sweep(sweepId, source);
        }
        return sweepId;
    }

    private String tenantOf(SweepScope scope) {
        return tenants.tenantOf(new KeyRef(scope.provider(), scope.account(), scope.location(), "scope"));
    }
}
