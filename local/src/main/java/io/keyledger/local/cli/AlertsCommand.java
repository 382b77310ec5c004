package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger alerts}: the alerts anomaly detection raised, newest first; {@code alerts ack} acknowledges one. */
@Command(name = "alerts",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the alerts raised by anomaly detection, newest first.",
                "%nRules, defaults and the policy file: docs/ALERTS.md."},
        subcommands = AlertsAckCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class AlertsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "This tenant only.")
    private String tenant;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "open",
            description = "open (default), acknowledged or all.")
    private String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N alerts per tenant (default 100).")
    private int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private OutputFormat format;

    AlertsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new CliException(ExitCodes.USAGE, "--limit must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        Optional<AlertStatus> wanted = status();
        List<Alert> alerts = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_ALERTS)) {
                Page<Alert> page = session.store().alerts(t, wanted, PageRequest.first(limit));
                alerts.addAll(page.items());
            }
        }
        AlertView.print(spec.commandLine().getOut(), format, alerts);
        return ExitCodes.OK;
    }

    private Optional<AlertStatus> status() {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "open" -> Optional.of(AlertStatus.OPEN);
            case "acknowledged" -> Optional.of(AlertStatus.ACKNOWLEDGED);
            case "all" -> Optional.empty();
            default -> throw new CliException(ExitCodes.USAGE, "--status must be open, acknowledged or all, was '"
                    + status + "'");
        };
    }
}
