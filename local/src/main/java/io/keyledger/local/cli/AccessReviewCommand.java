package io.keyledger.local.cli;

import io.keyledger.core.access.AccessFacts;
import io.keyledger.core.access.AccessLedger;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.assembly.CoreServices;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger access review}: records that who holds which role in a tenant was reviewed. */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Records an access review of a tenant.",
                "%nThe review covers every grant 'keyledger access' lists now; it is ledgered with the grants, the "
                        + "note and local:<user name> as the reviewer. A grant made later shows as not reviewed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class AccessReviewCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant reviewed.")
    private String tenant;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
            description = "What was checked, a ticket, a decision (kept with the review).")
    private String note;

    AccessReviewCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (note.length() > 1000) {
            throw new CliException("--note: at most 1000 characters");
        }
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            session.require(tenant, Operation.REVIEW_ACCESS, new Resource(tenant, Resource.Kind.ACCESS, ""));
            List<RoleGrant> grants = AccessFacts.gather(session.store(), tenant, context.clock().instant())
                    .grants(RoleGrants.NONE, tenant);
            CoreServices services = session.services();
            new AccessLedger(session.store(), context.clock(), services.retention(), services.checkpointRequests())
                    .reviewed(tenant, session.actorId(), note, grants);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Recorded an access review of tenant " + tenant + " by " + session.actorId() + ": "
                    + grants.size() + " grants reviewed.");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
