package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger review}: the rules that depend on the passing of time rather than on an event
 * (rotation overdue, keys and imported material expiring), run over the inventory now.
 */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Reviews the inventory for overdue rotation and expiring keys, raising alerts.",
                "%nRun it daily (cron, a scheduler); each condition alerts once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class ReviewCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "This tenant only.")
    private String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private OutputFormat format;

    ReviewCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Alert> raised = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            AlertService alerts = session.services(LocalAlerts.settings(home)).alerts();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.RUN_SWEEP)) {
                raised.addAll(alerts.review(t));
            }
        }
        AlertView.print(spec.commandLine().getOut(), format, raised);
        return ExitCodes.OK;
    }
}
