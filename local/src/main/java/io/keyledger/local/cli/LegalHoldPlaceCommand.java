package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.retention.LegalHold;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger legal-hold place}: from now on nothing the hold covers expires. */
@Command(name = "place",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Places a legal hold on a tenant, or on one key of it; replaces a hold on the same scope.",
                "%nAny key id is accepted, listed in the inventory or not (a key destroyed long ago, one whose events "
                        + "have not arrived yet): what arrives for it is held too."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:Error (message on stderr), e.g. unknown tenant.",
                ExitCodes.USAGE_LINE})
final class LegalHoldPlaceCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant.")
    private String tenant;

    @Option(names = "--key", paramLabel = "KEY", description = "Hold this key only (default: the whole tenant).")
    private String key;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why (a case or matter reference); kept in the ledger.")
    private String reason;

    LegalHoldPlaceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (reason.isBlank()) {
            throw new CliException("--reason must not be blank");
        }
        Optional<String> keyId = Optional.ofNullable(key);
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            session.require(tenant, Operation.MANAGE_LEGAL_HOLDS,
                    new Resource(tenant, Resource.Kind.LEGAL_HOLD, key));
            // Any key id is held, listed or not (destroyed long ago, or not seen yet): say so, in case of a typo.
            boolean listed = keyId.isEmpty() || session.store().asset(tenant, key).isPresent()
                    || !session.store().eventsForKey(tenant, key).isEmpty();
            boolean replacing = session.store().legalHolds(tenant).stream().anyMatch(h -> h.keyId().equals(keyId));
            LegalHold hold = session.services().retention().placeHold(tenant, keyId, reason.trim(), session.actorId());
            out.println((replacing ? "Replaced legal hold on " : "Placed legal hold on ")
                    + LegalHoldCommand.scope(tenant, keyId) + " by " + hold.placedBy() + " at " + hold.placedAt()
                    + ": " + hold.reason());
            if (!listed) {
                out.println("Note: tenant " + tenant + " lists no key '" + key + "'; its events are held whenever "
                        + "they arrive. Check the id if that is not what you meant.");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
