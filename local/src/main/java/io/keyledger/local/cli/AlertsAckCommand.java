package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.alert.AlertService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyledger alerts ack ID}: acknowledges an open alert; the acknowledgement is ledgered. */
@Command(name = "ack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Acknowledges an open alert, in the ledger, as the local user.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:Error, or no open alert with that id.", ExitCodes.USAGE_LINE})
final class AlertsAckCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Parameters(paramLabel = "ALERT_ID", description = "The alert's id, as 'keyledger alerts' prints it.")
    private String alertId;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "The alert's tenant (default: look in every tenant).")
    private String tenant;

    AlertsAckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String actor = LocalUser.actorId(context.userName());
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            AlertService alerts = session.services(LocalAlerts.settings(home)).alerts();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.ACKNOWLEDGE_ALERT)) {
                session.require(t, Operation.ACKNOWLEDGE_ALERT, new Resource(t, Resource.Kind.ALERT, alertId));
                AlertService.Acknowledgement result = alerts.acknowledge(t, alertId, actor);
                if (result instanceof AlertService.Acknowledgement.Acknowledged done) {
                    out.println("acknowledged " + done.alert().id() + " (" + done.alert().rule().id() + ") in tenant "
                            + t + " as " + actor);
                    out.flush();
                    return ExitCodes.OK;
                }
                if (result instanceof AlertService.Acknowledgement.AlreadyAcknowledged already) {
                    throw new CliException("alert " + alertId + " was already acknowledged by "
                            + already.alert().acknowledgedBy().orElse("?") + " at "
                            + already.alert().acknowledgedAt().map(Object::toString).orElse("?"));
                }
            }
        }
        throw new CliException("no alert " + alertId + (tenant == null ? " in any tenant" : " in tenant " + tenant));
    }
}
