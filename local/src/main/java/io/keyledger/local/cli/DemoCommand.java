package io.keyledger.local.cli;

import io.keyledger.aws.format.AwsDemo;
import io.keyledger.azure.format.AzureDemo;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.archive.ArchiveDirectory;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.gcp.format.GcpDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger demo}: a database built from bundled sample events of three clouds, so that every
 * other command can be tried without cloud credentials.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Creates a demo database from bundled sample events.",
                "%nThe sample holds AWS, Azure and Google Cloud keys, all in tenant 'default'. The demo ingests "
                        + "them, verifies the ledger and prints the inventory. The default database, <home>/demo.db, "
                        + "is replaced on every run; a database named with --db must not exist yet."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The demo database was created and its ledger verified.", ExitCodes.ERROR_LINE,
                ExitCodes.USAGE_LINE})
final class DemoCommand implements Callable<Integer> {

    /** Real-format audit records of the three clouds, as their log pipelines deliver them. */
    static final List<String> SAMPLES = Stream.of(AwsDemo.sampleFiles(), AzureDemo.sampleFiles(),
            GcpDemo.sampleFiles()).flatMap(List::stream).toList();

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path db = home.database("demo.db");
        prepare(db);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String tenant = TenantIds.DEFAULT;
        try (LocalSession session = LocalSession.open(context, home, db)) {
            LocalUser.requireIngest(context.userName(), Set.of(tenant));
            IngestProgress progress = new IngestProgress(context.clock(), err, true);
            // Every sample account goes to the default tenant: the settings' default mapping.
            CoreServices services = session.services(LocalAlerts.settings(home).withIngestListener(progress));
            AlertService alerts = services.alerts();
            EventIngester ingester = new EventIngester(services.inventory(), progress, CliDecoders.standard(), err,
                    500);
            for (String resource : SAMPLES) {
                try (InputStream in = sample(resource)) {
                    ingester.ingest("keyledger-demo/" + resource.substring(resource.lastIndexOf('/') + 1), in);
                }
            }
            ingester.flush();
            out.println("Created demo database " + db);
            out.println(progress.summary(ingester.files()));
            IngestCommand.printAlerts(out, alerts);
            out.println();

            session.require(tenant, Operation.READ_INVENTORY, Resource.tenant(tenant));
            List<CryptoAsset> keys = KeysCommand.all(session, tenant, AssetQuery.ALL);
            Table.print(out, AssetView.TABLE, keys);
            out.println();
            out.println(keys.size() + " keys by state:    " + counts(keys, a -> a.state().name()));
            out.println(keys.size() + " keys by provider: " + counts(keys, a -> a.provider().code()));

            session.require(tenant, Operation.VERIFY_LEDGER, Resource.tenant(tenant));
            LedgerVerification ledger = services.verifier().verify(tenant);
            out.println("Ledger of tenant " + tenant + ": " + ledger.recordsChecked() + " records, head "
                    + ledger.head().sequence() + " " + ledger.head().hash() + ", "
                    + ledger.firstBreak().map(b -> "BROKEN at " + b).orElse("ledger intact"));
            out.println();
            String dbOption = " --db " + db;
            out.println("Try: keyledger keys" + dbOption + " --format json");
            if (!keys.isEmpty()) {
                out.println("     keyledger history" + dbOption + " " + keys.get(0).id());
            }
            out.println("     keyledger alerts" + dbOption);
            out.println("     keyledger verify" + dbOption);
            out.flush();
            return ingester.allApplied() && ledger.intact() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    /**
     * Clears the way for a fresh database. The default demo file is KeyLedger's own to replace; a file
     * named with --db may be someone's real inventory, so it is never overwritten.
     */
    private void prepare(Path db) throws IOException {
        if (home.databaseGiven()) {
            if (Files.exists(db)) {
                throw new CliException(db + " already exists: the demo only creates new databases "
                        + "(remove it, or choose another --db)");
            }
            return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        // The previous demo's checkpoints and archive belong to the ledger being replaced.
        Files.deleteIfExists(home.checkpointsFile(db));
        Path archive = ArchiveDirectory.besideDatabase(db).root();
        if (Files.isDirectory(archive)) {
            try (var files = Files.walk(archive)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    p.toFile().setWritable(true, true);
                    Files.delete(p);
                }
            }
        }
    }

    private static InputStream sample(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new CliException("the sample events " + resource + " are missing from this build");
        }
        return in;
    }

    private static String counts(List<CryptoAsset> keys, Function<CryptoAsset, String> by) {
        Map<String, Long> counts = keys.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
