package io.keyledger.local.cli;

import io.keyledger.core.signing.SigningPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Public keys given on the command line: PEM files ({@code -----BEGIN PUBLIC KEY-----}), as openssl writes them. */
final class PublicKeyFiles {

    private PublicKeyFiles() {
    }

    static List<SigningPublicKey> read(List<Path> files) {
        List<SigningPublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new CliException("cannot read the public key " + file + ": " + e.getMessage());
            }
            try {
                keys.add(SigningPublicKey.fromPem(text));
            } catch (IllegalArgumentException e) {
                throw new CliException("--public-key " + file + ": not an EC P-256 public key in PEM: " + e.getMessage());
            }
        }
        return keys;
    }
}
