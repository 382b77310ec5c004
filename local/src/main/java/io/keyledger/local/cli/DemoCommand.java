package io.keyledger.local.cli;

import io.keyledger.aws.format.AwsDemo;
import io.keyledger.azure.format.AzureDemo;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.access.Resource;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.JsonLinesAlertSink;
import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.archive.ArchiveDirectory;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.TenantPolicies;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.report.Evidence;
import io.keyledger.core.report.EvidenceReport;
import io.keyledger.core.report.EvidenceThresholds;
import io.keyledger.core.report.Guideline;
import io.keyledger.core.report.Verdict;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.gcp.format.GcpDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * {@code keyledger demo}: a database built from bundled sample events of three clouds, swept against bundled
 * listings of the same accounts under a policy with key custodians, so that every other command can be
 * tried without cloud credentials and the evidence shows what a configured tenant looks like.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Creates a demo database from bundled sample events and listings.",
                "%nThe sample holds AWS, Azure and Google Cloud keys, all in tenant 'default'. The demo ingests the "
                        + "events under its own policy (key custodians configured), sweeps the bundled provider "
                        + "listings of the same accounts, verifies the ledger, prints the inventory and the CEK-21 "
                        + "verdicts before and after the sweep, and writes the evidence page. Beside the database it "
                        + "leaves <name>-policy.yaml, <name>-listings/ and <name>-evidence.html. The default database, "
                        + "<home>/demo.db, is replaced with them on every run; a database named with --db must not "
                        + "exist yet, nor must the files beside it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The demo database was created, swept and its ledger verified.", ExitCodes.ERROR_LINE,
                ExitCodes.USAGE_LINE})
final class DemoCommand implements Callable<Integer> {

    /** Real-format audit records of the three clouds, as their log pipelines deliver them. */
    static final List<String> SAMPLES = Stream.of(AwsDemo.sampleFiles(), AzureDemo.sampleFiles(),
            GcpDemo.sampleFiles()).flatMap(List::stream).toList();

    /** The providers' CLI listings of the sample accounts: resource directory, and paths under it. */
    static final Map<String, List<String>> LISTINGS = Map.of(AwsDemo.LISTINGS, AwsDemo.listingFiles(),
            AzureDemo.LISTINGS, AzureDemo.listingFiles(), GcpDemo.LISTINGS, GcpDemo.listingFiles());

    /** The demo's policy: key custodians for the sample accounts' administrators. */
    static final String POLICY = "io/keyledger/local/demo/policy.yaml";

    private static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'demo-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

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
        DemoFiles files = DemoFiles.beside(db);
        prepare(db, files);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String tenant = TenantIds.DEFAULT;
        copy(POLICY, files.policy());
        for (Map.Entry<String, List<String>> provider : LISTINGS.entrySet()) {
            for (String file : provider.getValue()) {
                copy(provider.getKey() + file, files.listings().resolve(file));
            }
        }
        TenantPolicies policies;
        try {
            policies = TenantPolicies.read(files.policy());
        } catch (PolicyFormatException e) {
            throw new CliException(e.getMessage());
        }
        try (LocalSession session = LocalSession.open(context, home, db)) {
            LocalUser.requireIngest(context.userName(), Set.of(tenant));
            IngestProgress progress = new IngestProgress(context.clock(), err, true);
            // Every sample account goes to the default tenant: the settings' default mapping.
            CoreServices services = session.services(CoreSettings.DEFAULTS.withTenantPolicies(policies)
                    .withAlertSinks(List.of(new JsonLinesAlertSink(home.alertsFile()))).withIngestListener(progress));
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
            EvidenceReport evidence = new EvidenceReport(session.store(), context.clock(), policies.anomalies(),
                    EvidenceThresholds.DEFAULT, Optional.of(services.verifier()), RoleGrants.NONE,
                    services.checkpointRequests());
            Evidence beforeSweep = evidence.record(evidence.assess(tenant));

            List<KeySource> sources;
            try {
                sources = CliSnapshots.sources(files.listings(), context.clock());
            } catch (SnapshotFormatException e) {
                throw new CliException("the bundled listings cannot be read: " + e.getMessage());
            }
            LocalUser.requireSweep(context.userName(), Set.of(tenant));
            String sweepId = SWEEP_ID.format(context.clock().instant());
            List<SweepReport> reports = new ArrayList<>();
            for (KeySource source : sources) {
                reports.add(services.reconciler().sweep(tenant, sweepId, source));
            }
            out.println("Swept the bundled listings in " + files.listings() + ":");
            SweepView.print(out, OutputFormat.TABLE, reports);
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

            session.require(tenant, Operation.READ_REPORTS, Resource.tenant(tenant));
            Evidence afterSweep = evidence.record(evidence.assess(tenant));
            try (OutputStream page = Files.newOutputStream(files.evidence())) {
                evidence.writeHtml(afterSweep, page);
            }
            printVerdicts(out, beforeSweep, afterSweep);
            out.println("Evidence page: " + files.evidence());
            out.println();
            String dbOption = " --db " + db;
            out.println("Try: keyledger keys" + dbOption + " --format json");
            if (!keys.isEmpty()) {
                out.println("     keyledger history" + dbOption + " " + keys.get(0).id());
            }
            out.println("     keyledger alerts" + dbOption);
            out.println("     keyledger sweep" + dbOption + " --snapshot " + files.listings());
            out.println("     keyledger report evidence" + dbOption + " --policy " + files.policy() + " -o cek-21.html");
            out.println("     keyledger export" + dbOption + " -o demo-feed.json");
            out.println("     keyledger verify" + dbOption);
            out.flush();
            return ingester.allApplied() && ledger.intact() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    /** The CEK-21 verdicts after the events alone and after the sweep, one guideline a line. */
    private static void printVerdicts(PrintWriter out, Evidence before, Evidence after) {
        out.println("CEK-21 evidence        events only   after the sweep");
        for (Guideline g : after.guidelines()) {
            out.println(String.format(Locale.ROOT, "  %-20s %-13s %-13s %s", g.id(), words(before.guideline(g.id()).verdict()),
                    words(g.verdict()), g.reason()));
        }
        out.println(String.format(Locale.ROOT, "  %-20s %-13s %-13s", "overall", words(before.overall()),
                words(after.overall())));
    }

    private static String words(Verdict v) {
        return v.name().replace('_', ' ');
    }

    /** What the demo leaves beside its database, named after it. */
    record DemoFiles(Path policy, Path listings, Path evidence) {
        static DemoFiles beside(Path db) {
            String name = db.getFileName().toString();
            String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
            return new DemoFiles(db.resolveSibling(stem + "-policy.yaml"), db.resolveSibling(stem + "-listings"),
                    db.resolveSibling(stem + "-evidence.html"));
        }

        List<Path> all() {
            return List.of(policy, listings, evidence);
        }
    }

    /**
     * Clears the way for a fresh database. The default demo files are KeyLedger's own to replace; a file
     * named with --db may be someone's real inventory, so it is never overwritten, nor is anything beside it.
     */
    private void prepare(Path db, DemoFiles files) throws IOException {
        if (home.databaseGiven()) {
            if (Files.exists(db)) {
                throw new CliException(db + " already exists: the demo only creates new databases "
                        + "(remove it, or choose another --db)");
            }
            for (Path p : files.all()) {
                if (Files.exists(p)) {
                    throw new CliException(p + " already exists: the demo writes it beside " + db.getFileName()
                            + " (remove it, or choose another --db)");
                }
            }
            return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        Files.deleteIfExists(files.policy());
        Files.deleteIfExists(files.evidence());
        if (Files.isDirectory(files.listings())) {
            try (Stream<Path> walk = Files.walk(files.listings())) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        // The previous demo's checkpoints and archive belong to the ledger being replaced.
        Files.deleteIfExists(home.checkpointsFile(db));
        Path archive = ArchiveDirectory.besideDatabase(db).root();
        if (Files.isDirectory(archive)) {
            try (Stream<Path> walk = Files.walk(archive)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    p.toFile().setWritable(true, true);
                    Files.delete(p);
                }
            }
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        try (InputStream in = sample(resource)) {
            Files.copy(in, to);
        }
    }

    private static InputStream sample(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new CliException("the sample " + resource + " is missing from this build");
        }
        return in;
    }

    private static String counts(List<CryptoAsset> keys, Function<CryptoAsset, String> by) {
        Map<String, Long> counts = keys.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
