package io.keyledger.local.cli;

import io.keyledger.functions.api.CursorSeal;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local server's secret for page cursors, kept in the home beside the token signing key
 * ({@code cursor.key}, readable by its owner only) so that cursors stay valid across restarts and cannot be
 * forged by API callers.
 */
final class CursorKeyFile {

    static final String NAME = "cursor.key";

    private CursorKeyFile() {
    }

    static CursorSeal load(Path home) {
        Path file = home.resolve(NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(home);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                } catch (FileAlreadyExistsException raced) {
                    // another server created it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                }
            }
            return new CursorSeal(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot read or create the cursor key " + file + ": " + e.getMessage());
        }
    }
}
