package io.keyledger.local.cli;

import io.keyledger.core.access.AccessControl;
import io.keyledger.core.access.AccessDecision;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Resource;
import io.keyledger.core.archive.ArchiveDirectory;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One command's use of the local database: the open store, the local user as a principal over the
 * tenants the database holds, and the ledger's files around it (the signing key in the home, the
 * checkpoints file and the archive directory beside the database). Every tenant a command touches goes
 * through {@link #tenants} or {@link #require}, so access is checked as the API checks it.
 */
final class LocalSession implements AutoCloseable {

    private final CliContext context;
    private final HomeOptions home;
    private final Path dbFile;
    private final SqliteInventoryStore store;
    private KeyFileSigner signer;

    private LocalSession(CliContext context, HomeOptions home, Path dbFile, SqliteInventoryStore store) {
        this.context = context;
        this.home = home;
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
        return open(context, home, db);
    }

    /** Opens the database {@code db}, creating it (and its directory) if need be. */
    static LocalSession open(CliContext context, HomeOptions home, Path db) {
        return new LocalSession(context, home, db, SqliteInventoryStore.open(db, context.clock()));
    }

    SqliteInventoryStore store() {
        return store;
    }

    /**
     * The core services of a command that writes, on this database and the CLI's clock: the ledger heads
     * it moves are signed with the local signing key (made now if there is none, which is said on stderr),
     * checkpoints appended to the checkpoints file, and old records archived beside the database.
     */
    CoreServices services(CoreSettings settings) {
        return CoreServices.of(store, context.clock(), settings.withLedger(signing()));
    }

    /**
     * The core services of a command that writes and raises no alert (it manages legal holds and purges):
     * no policy file is read, so a broken one never stops it.
     */
    CoreServices services() {
        return services(CoreSettings.DEFAULTS.withoutAnomalyDetection());
    }

    /**
     * The core services of a command that only reads: nothing is signed, and no key is made. Verification
     * trusts {@code keys}, else the local signing key's public key if there is one.
     */
    CoreServices readingServices(CoreSettings settings, List<SigningPublicKey> keys) {
        return CoreServices.of(store, context.clock(), settings.withLedger(reading(keys)));
    }

    /** The public keys a reading command verifies with: those given, else the local key's if it exists. */
    List<SigningPublicKey> trustedKeys(List<SigningPublicKey> given) {
        if (!given.isEmpty()) {
            return given;
        }
        Path key = home.signingKey();
        return Files.isRegularFile(key) ? List.of(KeyFileSigner.load(key).publicKey()) : List.of();
    }

    /** The local signing key, made on first use. */
    KeyFileSigner signer() {
        if (signer == null) {
            signer = KeyFileSigner.loadOrCreate(home.signingKey());
            if (signer.created()) {
                PrintWriter err = home.err();
                err.println("Created the ledger signing key " + signer.file() + " (key id " + signer.keyId()
                        + "), readable by its owner only. Keep it private; give auditors its public key"
                        + " ('keyledger checkpoints public-key').");
                err.flush();
            }
        }
        return signer;
    }

    private LedgerSettings signing() {
        return LedgerSettings.NONE.signedBy(signer()).anchoredIn(new CheckpointsFile(checkpointsFile()))
                .archivedIn(ArchiveDirectory.besideDatabase(dbFile));
    }

    private LedgerSettings reading(List<SigningPublicKey> keys) {
        return LedgerSettings.NONE.trusting(trustedKeys(keys)).anchoredIn(new CheckpointsFile(checkpointsFile()))
                .archivedIn(ArchiveDirectory.besideDatabase(dbFile));
    }

    Path checkpointsFile() {
        return home.checkpointsFile(dbFile);
    }

    Path dbFile() {
        return dbFile;
    }

    HomeOptions home() {
        return home;
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
