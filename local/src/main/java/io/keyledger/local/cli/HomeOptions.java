package io.keyledger.local.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where KeyLedger keeps its files: the home directory ({@code --home}, else {@code $KEYLEDGER_HOME},
 * else {@code ~/.keyledger}), the database in it ({@code --db}), the tenants file ({@code --tenants}), the
 * ledger signing key ({@code --signing-key}, in the home) and the checkpoints file and the archive
 * directory beside the database ({@code --checkpoints}; {@code <db name>-archive/}).
 */
final class HomeOptions {

    static final String HOME_VARIABLE = "KEYLEDGER_HOME";

    static final String SIGNING_KEY = "ledger-signing-key.pem";

    private final CliContext context;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--home", paramLabel = "DIR",
            description = "KeyLedger home directory (default: $KEYLEDGER_HOME, else ~/.keyledger).")
    private Path home;

    @Option(names = "--db", paramLabel = "PATH", description = "SQLite database file (default: <home>/keyledger.db).")
    private Path db;

    @Option(names = "--tenants", paramLabel = "FILE",
            description = "Account-to-tenant mapping (default: <home>/tenants.json when it exists; "
                    + "otherwise every account belongs to tenant 'default').")
    private Path tenants;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Anomaly policy, YAML or JSON (default: <home>/policy.yaml or policy.json when one exists; "
                    + "otherwise the defaults in docs/ALERTS.md).")
    private Path policy;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "The ledger signing key, an EC P-256 private key in PEM (default: <home>/" + SIGNING_KEY
                    + "; made on first use, readable by its owner only).")
    private Path signingKey;

    @Option(names = "--checkpoints", paramLabel = "FILE",
            description = "The checkpoints file outside the database, appended to and verified against (default: "
                    + "beside the database, <db name>.checkpoints.jsonl).")
    private Path checkpoints;

    HomeOptions(CliContext context) {
        this.context = context;
    }

    /** Whether the home was named by {@code --home} (commands that print advice repeat it). */
    boolean homeGiven() {
        return home != null;
    }

    Path home() {
        if (home != null) {
            return home;
        }
        return context.envVar(HOME_VARIABLE).map(Path::of).orElse(context.userHome().resolve(".keyledger"));
    }

    /** The database file named by {@code --db}, or {@code fileName} in the home directory. */
    Path database(String fileName) {
        return db != null ? db : home().resolve(fileName);
    }

    Path database() {
        return database("keyledger.db");
    }

    boolean databaseGiven() {
        return db != null;
    }

    /** The tenants file to read, if any: one named by {@code --tenants} must exist. */
    Optional<Path> tenantsFile() {
        if (tenants != null) {
            if (!Files.isRegularFile(tenants)) {
                throw new CliException("tenants file " + tenants + " does not exist");
            }
            return Optional.of(tenants);
        }
        Path fallback = home().resolve("tenants.json");
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** The anomaly policy file: --policy, else policy.yaml or policy.json in the home directory if present. */
    Optional<Path> policyFile() {
        if (policy != null) {
            return Optional.of(policy);
        }
        return Stream.of("policy.yaml", "policy.yml", "policy.json").map(home()::resolve).filter(Files::isRegularFile)
                .findFirst();
    }

    /** The ledger signing key's file. */
    Path signingKey() {
        return signingKey != null ? signingKey : home().resolve(SIGNING_KEY);
    }

    /** The checkpoints file of the database {@code db}: --checkpoints, else beside it. */
    Path checkpointsFile(Path db) {
        if (checkpoints != null) {
            return checkpoints;
        }
        String name = db.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return db.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".checkpoints.jsonl");
    }

    boolean checkpointsGiven() {
        return checkpoints != null;
    }

    /** The command's standard error, for notices (a signing key made). */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Where raised alerts are appended, one JSON object per line, for tools that tail a file. */
    Path alertsFile() {
        return home().resolve("alerts.jsonl");
    }
}
