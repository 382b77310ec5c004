package io.keyledger.local.cli;

import io.keyledger.core.alert.AlertService;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.core.tenant.TenantResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger ingest FILE|DIR...}: applies key events from files to the local inventory. A bad
 * record is reported and skipped; everything else is applied, and nothing applied is ever undone.
 */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Ingests key events from files and directories.",
                "%nReads normalised events as JSON lines, plain or gzip-compressed (recognised by content, not by "
                        + "name). Directories are read recursively in path order; hidden files are skipped. Each event "
                        + "goes to the tenant its account maps to in the tenants file, else to 'default'. A malformed or "
                        + "rejected record is reported on stderr as <file> record <n> (<line>): <message> and skipped; the "
                        + "others are applied. Symbolic links are followed (loops are reported); a file or directory that "
                        + "cannot be read is reported with the system's reason and skipped. Records, fields, nesting and "
                        + "decompression are bounded (docs/RELIABILITY.md). Progress goes to stderr every 2 seconds, the "
                        + "summary to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every record was applied (redelivered duplicates count as applied).",
                "1:Fatal error: database error or bad configuration. Records applied before it stay applied.",
                "2:Some records or inputs were not applied: malformed, rejected, over a limit, or unreadable (each "
                        + "reported on stderr); all others were applied.",
                ExitCodes.USAGE_LINE})
final class IngestCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or directories to read.")
    private List<Path> inputs;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "Put every event into this tenant, whatever tenants.json says.")
    private String tenant;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2000",
            description = "Events applied per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-reported", paramLabel = "N", defaultValue = "100",
            description = "Rejected records reported in full; the rest are counted by reason (default: ${DEFAULT-VALUE}).")
    private int maxReported;

    @Option(names = {"-q", "--quiet"}, description = "No progress reports on stderr (errors and the summary still show).")
    private boolean quiet;

    IngestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new CliException(ExitCodes.USAGE, "--batch-size must be between 1 and 100000, was " + batchSize);
        }
        if (maxReported < 0 || maxReported > 1_000_000) {
            throw new CliException(ExitCodes.USAGE, "--max-reported must be between 0 and 1000000, was " + maxReported);
        }
        Routing routing = routing();
        IngestLimits limits = TenantsConfig.limits(home.tenantsFile());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputFiles.Expansion expansion = InputFiles.expand(inputs);
        String prefix = spec.qualifiedName() + ": ";
        // Inputs that cannot be read are reported and skipped; the others are still ingested.
        expansion.skipped().forEach(problem -> err.println(prefix + problem + "; skipped"));
        int skipped = expansion.skipped().size();
        try (LocalSession session = LocalSession.open(context, home, home.database())) {
            LocalUser.requireIngest(context.userName(), routing.tenants());
            IngestProgress progress = new IngestProgress(context.clock(), err, quiet);
            CoreServices services = session.services(LocalAlerts.settings(home).withTenants(routing.resolver())
                    .withIngestListener(progress).withLimits(limits));
            AlertService alerts = services.alerts();
            Decoders decoders = CliDecoders.standard().withLimits(limits.reading());
            EventIngester ingester = new EventIngester(services.inventory(), progress, decoders, err, batchSize,
                    maxReported);
            int[] unreadable = {0};
            // Files are read and decoded on other threads while this one applies them, in the files' order.
            try (FileDecoding decoding = new FileDecoding(decoders, expansion.files(), FileDecoding.defaultThreads())) {
                ingester.ingest(decoding, (file, e) -> {
                    // What was read before the failure is valid: it is applied, and the other files still are.
                    err.println(prefix + "cannot read " + InputFiles.name(file) + ": " + message(e)
                            + "; skipped (records read before the error are applied)");
                    err.flush();
                    unreadable[0]++;
                });
            }
            skipped += unreadable[0];
            ingester.flush();
            out.println(progress.summary(ingester.files()) + (skipped == 0 ? ""
                    : "; " + skipped + (skipped == 1 ? " input" : " inputs") + " skipped"));
            printAlerts(out, alerts);
            out.flush();
            if (!ingester.allApplied()) {
                err.println(ingester.rejectionSummary());
            }
            err.flush();
            if (!ingester.allApplied() || skipped > 0) {
                return ExitCodes.REJECTED;
            }
        }
        return ExitCodes.OK;
    }

    /** Where events go, and so every tenant this run can write to. */
    private record Routing(TenantResolver resolver, Set<String> tenants) {
    }

    private Routing routing() {
        if (tenant != null) {
            try {
                return new Routing(TenantResolver.single(tenant), Set.of(tenant));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        TenantMapping mapping = TenantsConfig.load(home.tenantsFile());
        Set<String> tenants = new TreeSet<>(mapping.accounts().values());
        tenants.add(mapping.fallback());
        return new Routing(mapping, tenants);
    }

    private static String message(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return InputFiles.reason(e);
    }

    /** Says how many alerts the run raised, so that nobody has to look for them to know. */
    static void printAlerts(PrintWriter out, AlertService alerts) {
        long raised = alerts.dispatcher().delivered() + alerts.dispatcher().failures().values().stream()
                .mapToLong(Long::longValue).sum();
        if (raised > 0) {
            out.println(raised + (raised == 1 ? " alert" : " alerts") + " raised: see 'keyledger alerts'");
        }
    }
}
