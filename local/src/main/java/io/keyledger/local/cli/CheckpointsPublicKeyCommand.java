package io.keyledger.local.cli;

import io.keyledger.core.json.Json;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.signing.SigningPublicKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger checkpoints public-key}: the public key auditors verify with; the private key is never printed. */
@Command(name = "public-key",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Prints the public key of the ledger signing key: what 'verify --public-key' and openssl take.",
                "%nThe private key never leaves its file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:There is no signing key yet, or it cannot be read.", ExitCodes.USAGE_LINE})
final class CheckpointsPublicKeyCommand implements Callable<Integer> {

    enum KeyFormat { PEM, JWK }

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pem",
            description = "pem (SubjectPublicKeyInfo, as openssl reads it) or jwk (default: ${DEFAULT-VALUE}).")
    private KeyFormat format;

    CheckpointsPublicKeyCommand(CliContext context) {
        // the key is in the home directory the options name
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(home.signingKey())) {
            throw new CliException("no ledger signing key at " + home.signingKey()
                    + " yet: the first command that writes to the ledger makes it");
        }
        SigningPublicKey key = KeyFileSigner.load(home.signingKey()).publicKey();
        PrintWriter out = spec.commandLine().getOut();
        if (format == KeyFormat.PEM) {
            out.print(key.pem());
        } else {
            out.println(Json.write(key.jwk()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
