package io.keyledger.local.cli;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.functions.api.SweepLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    private final CoreServices services;

    /** @param services the server's core services: their tenant mapping places the scopes, their reconciler sweeps */
    SnapshotSweepLauncher(Optional<Path> snapshots, CoreServices services) {
        this.snapshots = snapshots;
        this.services = services;
    }

    @Override
    public synchronized String start(String tenant, String requestedBy) {
        Path dir = snapshots.orElseThrow(() -> new IllegalStateException(
                "this server has no listings to sweep: start it with 'keyledger serve --snapshots DIR'"));
        List<KeySource> sources;
        try {
            // Each scope's tenant is resolved here, once: the scopes kept are the tenant's, swept into it.
            sources = CliSnapshots.sources(dir, services.clock()).stream()
                    .filter(s -> tenantOf(s.scope()).equals(tenant)).toList();
        } catch (SnapshotFormatException e) {
            throw new IllegalStateException("the saved listings cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved listings in " + dir, e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("the saved listings hold no scope of tenant " + tenant);
        }
        String sweepId = SWEEP_ID.format(services.clock().instant());
        for (KeySource source : sources) {
            services.reconciler().sweep(tenant, sweepId, source);
        }
        return sweepId;
    }

    private String tenantOf(SweepScope scope) {
        return services.settings().tenants().tenantOf(scope.provider(), scope.account());
    }
}
