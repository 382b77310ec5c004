package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.Checkpointer;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger checkpoints sign}: signs each tenant's ledger head now. */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Signs each tenant's ledger head now (or only --tenant's).",
                "%nOnly a head that extends the newest checkpoint is signed: records it covers unchanged, those "
                        + "after it chained to them. Otherwise nothing is signed, the reason is given, and the exit "
                        + "code is 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every head is covered by a checkpoint.",
                "1:A head was not signed (the reason is given), or another error.", ExitCodes.USAGE_LINE})
final class CheckpointsSignCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Sign this tenant's head only.")
    private String tenant;

    CheckpointsSignCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            Checkpointer checkpointer = session.services().checkpointer().orElseThrow();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.PURGE_EXPIRED)) {
                Optional<Checkpoint> c = checkpointer.checkpoint(t);
                out.println("tenant " + t + ": " + c.map(x -> "checkpoint of record " + x.sequence() + " signed at "
                        + x.signedAt() + " by key " + x.keyId()).orElse("no ledger records"));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
