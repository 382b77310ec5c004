package io.keyledger.core.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signer whose private key is a file on this machine, outside the database: an EC P-256 key in PKCS#8
 * PEM ({@code -----BEGIN PRIVATE KEY-----}, which {@code openssl pkey} reads), readable by its owner only
 * where the file system has POSIX permissions. {@link #loadOrCreate} makes one on first use (and
 * {@link #created()} says so); a key file that others may read is refused rather than used.
 */
public final class KeyFileSigner implements Signer {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PRIVATE KEY-----");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_P256_SHA256;

    private final Path file;
    private final PrivateKey privateKey;
    private final SigningPublicKey publicKey;
    private final boolean created;

    private KeyFileSigner(Path file, PrivateKey privateKey, SigningPublicKey publicKey, boolean created) {
        this.file = file;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.created = created;
    }

    /** The key in {@code file}, made (with its directory, owner-only) when there is none yet. */
    public static KeyFileSigner loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        boolean made = false;
        if (!Files.exists(file)) {
            made = create(file);
        }
        KeyFileSigner loaded = load(file);
        return made ? new KeyFileSigner(loaded.file, loaded.privateKey, loaded.publicKey, true) : loaded;
    }

    /** The key in {@code file}, which must exist. */
    public static KeyFileSigner load(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new SigningException("no ledger signing key at " + file);
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view != null && view.readAttributes().permissions().stream().anyMatch(OTHERS::contains)) {
                throw new SigningException("the ledger signing key " + file + " is accessible to other users; "
                        + "restrict it to its owner (chmod 600)");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            Matcher m = PEM.matcher(text);
            if (!m.find()) {
                throw new SigningException("the ledger signing key " + file
                        + " is not a PEM 'PRIVATE KEY' (PKCS#8) file");
            }
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1))));
            if (!(key instanceof ECPrivateKey ec)) {
                throw new SigningException("the ledger signing key " + file + " is not an EC key");
            }
            SigningPublicKey pub = SigningPublicKey.of(publicOf(ec));
            return new KeyFileSigner(file, key, pub, false);
        } catch (IOException e) {
            throw new SigningException("cannot read the ledger signing key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The cause's message could quote the file's content: it is not passed on.
            throw new SigningException("the ledger signing key " + file + " is not a readable EC P-256 private key");
        }
    }

    /** Where the key is. */
    public Path file() {
        return file;
    }

    /** Whether {@link #loadOrCreate} made this key just now. */
    public boolean created() {
        return created;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM.jcaName());
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot sign with the ledger signing key " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SigningPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "ledger signing key " + file + " (" + publicKey.keyId() + ")";
    }

    /** Writes a new key; false when another process made one first (that one is then used). */
    private static boolean create(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            boolean posix = Files.getFileStore(existingAncestor(directory))
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, posix ? attributes("rwx------") : new FileAttribute<?>[0]);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(ALGORITHM.curve()));
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path temporary = Files.createTempFile(directory, ".ledger-key", ".tmp",
                    posix ? attributes("rw-------") : new FileAttribute<?>[0]);
            try {
                Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
                Files.move(temporary, file);
                return true;
            } catch (FileAlreadyExistsException concurrentlyCreated) {
                return false;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new SigningException("cannot create the ledger signing key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is required of every Java platform", e);
        }
    }

    /** The public key of a private key: its point is the curve's generator times the private scalar. */
    private static java.security.PublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
        ECPoint w = EcMath.multiply(key.getParams(), key.getS());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
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
