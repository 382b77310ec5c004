package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.CheckpointExport;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.signing.SigningPublicKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger checkpoints export}: the signed checkpoints as a JSON document that openssl verifies. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Writes the signed checkpoints as one JSON document.",
                "%nEach checkpoint carries the exact text its signature covers (signedText) and the DER signature "
                        + "(base64), so that stock 'openssl dgst -sha256 -verify' checks it with the public key; "
                        + "docs/LEDGER.md gives the commands. Every tenant, or only --tenant; the checkpoints kept in "
                        + "the database and those in the checkpoints file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class CheckpointsExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Export this tenant's checkpoints only.")
    private String tenant;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file instead of standard output.")
    private Path output;

    CheckpointsExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            List<Checkpoint> all = new ArrayList<>();
            CheckpointsFile file = new CheckpointsFile(session.checkpointsFile());
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_LEDGER)) {
                all.addAll(CheckpointExport.gather(t, session.store(), List.of(file)));
            }
            Optional<SigningPublicKey> key = session.trustedKeys(List.of()).stream().findFirst();
            if (output != null) {
                try (OutputStream out = Files.newOutputStream(output)) {
                    CheckpointExport.write(all, key, context.clock().instant(), out);
                }
                spec.commandLine().getErr().println("Wrote " + all.size() + " checkpoints to " + output);
                spec.commandLine().getErr().flush();
            } else {
                OutputStream out = new WriterOutputStream(spec.commandLine().getOut());
                CheckpointExport.write(all, key, context.clock().instant(), out);
            }
        }
        return ExitCodes.OK;
    }
}
