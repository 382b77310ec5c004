package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger purge-expired}: what the clouds' stores do with native TTL, done on demand for the
 * local database. The purge attests itself in the ledger, so {@code verify} still passes afterwards.
 */
@Command(name = "purge-expired",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Deletes the records whose retention period has passed.",
                "%nNothing under legal hold is deleted. Every tenant is purged, or only --tenant; each purge is "
                        + "attested in the ledger, so that 'keyledger verify' still passes afterwards."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class PurgeExpiredCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Purge this tenant only.")
    private String tenant;

    PurgeExpiredCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            RetentionService retention = session.services().retention();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.PURGE_EXPIRED)) {
                PurgeResult r = retention.purgeExpired(t);
                out.println("tenant " + t + ": " + (r.removedAnything()
                        ? "purged " + r.events() + " events, " + r.ledgerRecords() + " ledger records, "
                                + r.assets() + " key records"
                        : "nothing expired"));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
