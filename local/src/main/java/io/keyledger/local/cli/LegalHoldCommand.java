package io.keyledger.local.cli;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keyledger legal-hold}: groups place, lift and list. */
@Command(name = "legal-hold",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Places, lifts and lists legal holds.",
                "%nWhile a hold stands, nothing it covers (a whole tenant, or one key) expires or is purged. Each "
                        + "change is recorded in the tenant's ledger as made by local:<user name>."},
        subcommands = {LegalHoldPlaceCommand.class, LegalHoldLiftCommand.class, LegalHoldListCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class LegalHoldCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: place, lift or list");
    }

    /** How messages name a hold's scope. */
    static String scope(String tenant, Optional<String> keyId) {
        return keyId.map(k -> "key " + k + " in tenant " + tenant).orElse("tenant " + tenant);
    }
}
