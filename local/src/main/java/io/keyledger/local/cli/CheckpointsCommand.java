package io.keyledger.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keyledger checkpoints}: groups sign, export and public-key. */
@Command(name = "checkpoints",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Signs, exports and verifies the ledgers' signed checkpoints.",
                "%nA checkpoint signs a tenant's ledger head with the local signing key; it is kept in the database "
                        + "and appended to the checkpoints file outside it. Every command that writes signs one at its "
                        + "end; 'sign' does it on demand."},
        subcommands = {CheckpointsSignCommand.class, CheckpointsExportCommand.class, CheckpointsPublicKeyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class CheckpointsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: sign, export or public-key");
    }
}
