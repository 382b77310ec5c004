package io.keyledger.local.cli;

import io.keyledger.core.access.AccessControl;
import io.keyledger.core.access.AccessDecision;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Resource;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One command's use of the local database: the open store, and the local user as a principal over the
 * tenants the database holds. Every tenant a command touches goes through {@link #tenants} or
 * {@link #require}, so access is checked as the API checks it.
 */
final class LocalSession implements AutoCloseable {

    private final CliContext context;
    private final Path dbFile;
    private final SqliteInventoryStore store;

    private LocalSession(CliContext context, Path dbFile, SqliteInventoryStore store) {
        this.context = context;
        this.dbFile = dbFile;
        this.store = store;
    }

    /** Opens a database that must already exist: reading commands never create an empty one by mistake. */
    static LocalSession openExisting(CliContext context, HomeOptions home) {
        Path db = home.database();
        if (!Files.isRegularFile(db)) {
            throw new CliException("no KeyLedger database at " + db
                    + " (run 'keyledger ingest' or 'keyledger demo' first, or give --db/--home)");
        }
        return open(context, db);
    }

    /** Opens the database, creating it (and its directory) if need be. */
    static LocalSession open(CliContext context, Path db) {
        return new LocalSession(context, db, SqliteInventoryStore.open(db, context.clock()));
    }

    SqliteInventoryStore store() {
        return store;
    }

    /** The core services of the command on this database and the CLI's clock. */
    CoreServices services(CoreSettings settings) {
        return CoreServices.of(store, context.clock(), settings);
    }

    /**
     * The core services of a command that raises no alert (it reads, or manages legal holds and purges):
     * no policy file is read, so a broken one never stops it.
     */
    CoreServices services() {
        return services(CoreSettings.DEFAULTS.withoutAnomalyDetection());
    }

    Path dbFile() {
        return dbFile;
    }

    /** The local user, over the tenants the database holds now (an ingest may have just added some). */
    Principal user() {
        return LocalUser.admin(context.userName(), store.tenants());
    }

    String actorId() {
        return LocalUser.actorId(context.userName());
    }

    /**
     * The tenants to act on: the one asked for, if the user may do {@code operation} there, else every
     * tenant where the user may, in name order.
     */
    List<String> tenants(Optional<String> requested, Operation operation) {
        if (requested.isPresent()) {
            String tenant = requested.get();
            require(tenant, operation, Resource.tenant(tenant));
            return List.of(tenant);
        }
        Principal user = user();
        return user.tenants().stream()
                .filter(t -> AccessControl.decide(user, t, operation, Resource.tenant(t)) == AccessDecision.ALLOWED)
                .sorted()
                .toList();
    }

    /** Checks one request; an unknown tenant is reported as such, naming the database. */
    void require(String tenant, Operation operation, Resource resource) {
        try {
            TenantIds.requireValid(tenant);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Principal user = user();
        AccessDecision decision = AccessControl.decide(user, tenant, operation, resource);
        if (decision == AccessDecision.NOT_FOUND) {
            throw new CliException("no tenant '" + tenant + "' in " + dbFile + knownTenants(user));
        }
        if (decision == AccessDecision.DENIED) {
            throw new CliException(user.id() + " may not " + operation + " in tenant '" + tenant + "'");
        }
    }

    private static String knownTenants(Principal user) {
        return user.tenants().isEmpty() ? " (the database is empty)"
                : " (tenants: " + String.join(", ", user.tenants().stream().sorted().toList()) + ")";
    }

    @Override
    public void close() {
        store.close();
    }
}
