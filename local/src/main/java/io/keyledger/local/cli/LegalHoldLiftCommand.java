package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger legal-hold lift}: the records the hold covered get their expiry back from the policy. */
@Command(name = "lift",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lifts the legal hold on a tenant, or on one key of it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:Error (message on stderr), e.g. no hold on that scope.",
                ExitCodes.USAGE_LINE})
final class LegalHoldLiftCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant.")
    private String tenant;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Lift the hold on this key (default: the hold on the whole tenant).")
    private String key;

    LegalHoldLiftCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<String> keyId = Optional.ofNullable(key);
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            session.require(tenant, Operation.MANAGE_LEGAL_HOLDS,
                    new Resource(tenant, Resource.Kind.LEGAL_HOLD, key));
            boolean lifted = session.services().retention().liftHold(tenant, keyId, session.actorId());
            if (!lifted) {
                throw new CliException("no legal hold on " + LegalHoldCommand.scope(tenant, keyId));
            }
            out.println("Lifted legal hold on " + LegalHoldCommand.scope(tenant, keyId) + " by " + session.actorId());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
