package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.archive.Archiver;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger archive}: moves ledger records older than the hot window to signed segments beside the database. */
@Command(name = "archive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Moves ledger records (and the events they accepted) older than each tenant's hot window "
                + "(90 days unless 'keyledger retention set --hot-window' says otherwise) from the database to signed, "
                + "checkpointed segments in <db name>-archive/ beside it.",
                "%nHistory, reports and verify read both tiers. Nothing is moved unless the tenant's ledger verifies; "
                        + "'purge-expired' deletes a segment once retention lets all of it go."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:A ledger does not verify (nothing of it moved), or another error.",
                ExitCodes.USAGE_LINE})
final class ArchiveCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Archive this tenant only.")
    private String tenant;

    ArchiveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            Archiver archiver = session.services().archiver().orElseThrow();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.PURGE_EXPIRED)) {
                Archiver.Archived a = archiver.archive(t);
                out.println("tenant " + t + ": " + (a.segments().isEmpty() ? "nothing older than the hot window"
                        : "archived " + a.records() + " ledger records and " + a.events() + " events in "
                        + a.segments().size() + (a.segments().size() == 1 ? " segment" : " segments") + " to "
                        + archiver.objects().describe()));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
