package io.keyledger.bench;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.tenant.TenantResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The fixed clock, tenant and ingest service the benchmarks and their smoke test share; the harnesses delete
 * their work directories with it.
 */
public final class Stores {

    static final String TENANT = "default";

    /** After every simulated event, and well within their seven years of retention. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Stores() {
    }

    /** The inventory service of the benchmarks: every event to {@link #TENANT}, no anomaly rules, as measured. */
    static InventoryService ingestInto(InventoryStore store) {
        return CoreServices.of(store, CLOCK,
                CoreSettings.DEFAULTS.withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection()).inventory();
    }

    /**
     * Deletes a directory and what it holds (the SQLite file and its WAL and shared-memory files); a file
     * already gone (a child process's, removed as it ended) is not an error.
     */
    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
