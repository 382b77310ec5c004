package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger sweeps}: the kept sweep reports, newest first. */
@Command(name = "sweeps",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lists the kept sweep reports, newest first, of every tenant or of --tenant.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class SweepsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "This tenant only.")
    private String tenant;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N reports per tenant (default 20).")
    private int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private OutputFormat format;

    SweepsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        List<SweepReport> reports = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_SWEEPS)) {
                Page<SweepReport> page = session.store().sweepReports(t, PageRequest.first(limit));
                reports.addAll(page.items());
            }
        }
        SweepView.print(spec.commandLine().getOut(), format, reports);
        return ExitCodes.OK;
    }
}
