package io.keyledger.functions.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The local issuer's EC P-256 signing key, kept as a JWK file readable by its owner only (where the
 * file system has POSIX permissions). Created once, then reused; its content never reaches a message.
 */
final class LocalSigningKey {

    static final String FILE_NAME = "token-signing-key.jwk";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private LocalSigningKey() {
    }

    /** The key in {@code directory}, created (with the directory) when there is none yet. */
    static ECKey loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(directory, file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the local token signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path directory, Path file) throws IOException {
        boolean posix = Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, posix ? attributes("rwx------") : new FileAttribute<?>[0]);
        }
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
        Path temporary = Files.createTempFile(directory, ".signing-key", ".tmp",
                posix ? attributes("rw-------") : new FileAttribute<?>[0]);
        try {
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException concurrentlyCreated) {
            // another process made the key first: use that one
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static ECKey load(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && view.readAttributes().permissions().stream().anyMatch(OTHERS::contains)) {
            throw new IllegalStateException("the local token signing key " + file
                    + " is accessible to other users; restrict it to its owner (chmod 600) or delete it to make a new one");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the local token signing key " + file + " is not a JWK; delete it to make a new one");
        }
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
            throw new IllegalStateException("the local token signing key " + file
                    + " is not a private EC P-256 key; delete it to make a new one");
        }
        return ec;
    }

    private static Path existingAncestor(Path directory) {
        Path p = directory.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? directory.toAbsolutePath().getRoot() : p;
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
