package io.keyledger.local.cli;

import io.keyledger.core.alert.AlertService;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.tenant.TenantMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger sweep --snapshot DIR}: reconciles the inventory with saved listings of the
 * providers' keys (their CLIs' own JSON output), scope by scope, and prints each scope's report.
 */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Reconciles the inventory with what the clouds hold, from saved listings.",
                "%nEvery key of every scope found under --snapshot is classed as confirmed, untracked (an audit "
                        + "gap), missing (gone without a destruction event) or drifted; the inventory is corrected "
                        + "through ledgered events and each scope's report is kept ('keyledger sweeps' lists them). "
                        + "The listing layouts are in docs/providers/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, "2:some scopes were partial (see the report)",
                ExitCodes.USAGE_LINE})
final class SweepCommand implements Callable<Integer> {

    private static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'snapshot-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--snapshot", required = true, paramLabel = "DIR",
            description = "Directory of saved listings (aws/, azure/, gcp/ as docs/providers/ describe).")
    private Path snapshot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json.")
    private OutputFormat format;

    SweepCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(snapshot)) {
            throw new CliException(snapshot + ": not a directory");
        }
        List<KeySource> sources;
        try {
            sources = CliSnapshots.sources(snapshot, context.clock());
        } catch (SnapshotFormatException e) {
            throw new CliException(e.getMessage());
        }
        if (sources.isEmpty()) {
            throw new CliException(snapshot + ": no saved listings found (expected aws/, azure/ or gcp/ as "
                    + "docs/providers/ describe)");
        }
        TenantMapping mapping = TenantsConfig.load(home.tenantsFile());
        // Each scope's tenant, resolved once: access is checked on them, and each scope is swept into its own.
        List<String> tenants = sources.stream().map(s -> mapping.tenantOf(s.scope().provider(), s.scope().account()))
                .toList();
        LocalUser.requireSweep(context.userName(), new TreeSet<>(tenants));
        String sweepId = SWEEP_ID.format(context.clock().instant());
        List<SweepReport> reports = new ArrayList<>();
        try (LocalSession session = LocalSession.open(context, home, home.database())) {
            CoreServices services = session.services(LocalAlerts.settings(home).withTenants(mapping));
            AlertService alerts = services.alerts();
            for (int i = 0; i < sources.size(); i++) {
                reports.add(services.reconciler().sweep(tenants.get(i), sweepId, sources.get(i)));
            }
            SweepView.print(spec.commandLine().getOut(), format, reports);
            if (format == OutputFormat.TABLE) {
                IngestCommand.printAlerts(spec.commandLine().getOut(), alerts);
                spec.commandLine().getOut().flush();
            }
        }
        return reports.stream().anyMatch(SweepReport::partial) ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
