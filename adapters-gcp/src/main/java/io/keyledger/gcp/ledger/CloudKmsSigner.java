package io.keyledger.gcp.ledger;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.Digest;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.PublicKey;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.keyledger.core.signing.SignatureAlgorithm;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningException;
import io.keyledger.core.signing.SigningPublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A signer whose key never leaves Cloud KMS: a key version of algorithm {@code EC_SIGN_P256_SHA256} (software or
 * HSM). Each signature is one {@code AsymmetricSign} call (the message's SHA-256 sent as the digest, DER back),
 * which Cloud Audit Logs record (Data Access) with its caller; only the identities granted
 * {@code cloudkms.cryptoKeyVersions.useToSign} on the key can sign. The public key is read once, with
 * {@code GetPublicKey}, when first asked for: building the signer does no I/O.
 *
 * <p>Every exchange is checked end to end as Cloud KMS documents it: the digest's CRC32C is sent and must come back
 * verified, the signature's and the PEM's CRC32C must match what arrived, and the answer must name the version asked
 * for. An answer that fails a check is discarded and the call made again, a few times at most.
 */
public final class CloudKmsSigner implements Signer {

    private static final Pattern VERSION = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/[0-9]+");
    private static final int ATTEMPTS = 3;

    private final LedgerKms kms;
    private final String version;
    private volatile SigningPublicKey publicKey;

    /**
     * @param kms     the ledger's Cloud KMS client
     * @param version the key version's resource name, as the deployment names it
     */
    public CloudKmsSigner(LedgerKms kms, String version) {
        this.kms = Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(version, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("the ledger key '" + version + "' is not a Cloud KMS key version's "
                    + "resource name (projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>/cryptoKeyVersions/<n>)");
        }
        this.version = version;
    }

    /** The key version, as the deployment names it. */
    public String keyVersion() {
        return version;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ECDSA_P256_SHA256;
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        AsymmetricSignRequest request = AsymmetricSignRequest.newBuilder().setName(version)
                .setDigest(Digest.newBuilder().setSha256(ByteString.copyFrom(digest)))
                .setDigestCrc32C(Int64Value.of(crc32c(digest))).build();
        String problem = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AsymmetricSignResponse r;
            try {
                r = kms.client().asymmetricSign(request);
            } catch (RuntimeException e) {
                throw new SigningException("Cloud KMS did not sign with the ledger key " + version + ": " + why(e), e);
            }
            byte[] signature = r.getSignature().toByteArray();
            if (!r.getVerifiedDigestCrc32C()) {
                problem = "Cloud KMS did not verify the digest's CRC32C";
            } else if (!r.getName().equals(version)) {
                problem = "the answer names " + r.getName();
            } else if (!r.hasSignatureCrc32C() || r.getSignatureCrc32C().getValue() != crc32c(signature)) {
                problem = "the signature does not match its CRC32C";
            } else {
                return signature;
            }
        }
        throw new SigningException("Cloud KMS's signatures with the ledger key " + version + " failed their integrity "
                + "checks " + ATTEMPTS + " times (" + problem + ")");
    }

    @Override
    public SigningPublicKey publicKey() {
        SigningPublicKey key = publicKey;
        if (key == null) {
            key = fetch();
            publicKey = key;
        }
        return key;
    }

    private SigningPublicKey fetch() {
        String problem = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PublicKey r;
            try {
                r = kms.client().getPublicKey(GetPublicKeyRequest.newBuilder().setName(version).build());
            } catch (RuntimeException e) {
                throw new SigningException("cannot read the public key of the ledger key " + version + ": " + why(e), e);
            }
            if (!r.getName().equals(version)) {
                problem = "the answer names " + r.getName();
            } else if (!r.hasPemCrc32C() || r.getPemCrc32C().getValue() != crc32c(r.getPem().getBytes(StandardCharsets.UTF_8))) {
                problem = "the PEM does not match its CRC32C";
            } else if (r.getAlgorithm() != CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256) {
                throw new SigningException("the ledger key " + version + " is a " + r.getAlgorithm()
                        + " key, not an EC_SIGN_P256_SHA256 one");
            } else {
                try {
                    return SigningPublicKey.fromPem(r.getPem());
                } catch (IllegalArgumentException e) {
                    throw new SigningException("the public key of the ledger key " + version + " is not readable: "
                            + e.getMessage());
                }
            }
        }
        throw new SigningException("Cloud KMS's public key of the ledger key " + version + " failed its integrity checks "
                + ATTEMPTS + " times (" + problem + ")");
    }

    static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /** The gRPC status and Cloud KMS's message, or the client's failure. */
    private static String why(RuntimeException e) {
        if (e instanceof ApiException a) {
            return a.getStatusCode().getCode() + ": " + String.valueOf(a.getMessage()).replaceFirst("^[^:]*Exception: ", "");
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public String toString() {
        return "Cloud KMS ledger key " + version;
    }
}
