package io.keyledger.aws.ledger;

import io.keyledger.core.signing.SignatureAlgorithm;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningException;
import io.keyledger.core.signing.SigningPublicKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A signer whose key never leaves AWS KMS: an asymmetric KMS key of spec {@code ECC_NIST_P256} and usage
 * {@code SIGN_VERIFY}. Each signature is one {@code Sign} call (the message's SHA-256 sent as a
 * {@code DIGEST}, {@code ECDSA_SHA_256}, DER signature back), which CloudTrail records with its caller;
 * only the roles granted {@code kms:Sign} on the key can sign. The public key is read once, with
 * {@code GetPublicKey}, when first asked for: building the signer does no I/O.
 */
public final class KmsSigner implements Signer {

    private final KmsClient kms;
    private final String keyArn;
    private volatile SigningPublicKey publicKey;

    public KmsSigner(KmsClient kms, String keyArn) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyArn = Objects.requireNonNull(keyArn, "keyArn");
    }

    /** The KMS key, as the deployment names it. */
    public String keyArn() {
        return keyArn;
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
        try {
            return kms.sign(r -> r.keyId(keyArn).message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        } catch (SdkException e) {
            throw new SigningException("KMS did not sign with the ledger key " + keyArn + ": " + why(e), e);
        }
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
        GetPublicKeyResponse r;
        try {
            r = kms.getPublicKey(b -> b.keyId(keyArn));
        } catch (SdkException e) {
            throw new SigningException("cannot read the public key of the ledger key " + keyArn + ": " + why(e), e);
        }
        if (r.keySpec() != KeySpec.ECC_NIST_P256 || r.keyUsage() != KeyUsageType.SIGN_VERIFY
                || !r.signingAlgorithms().contains(SigningAlgorithmSpec.ECDSA_SHA_256)) {
            throw new SigningException("the ledger key " + keyArn + " is a " + r.keySpecAsString() + " key for "
                    + r.keyUsageAsString() + ", not an ECC_NIST_P256 key for SIGN_VERIFY");
        }
        try {
            return SigningPublicKey.fromSpki(r.publicKey().asByteArray());
        } catch (IllegalArgumentException e) {
            throw new SigningException("the public key of the ledger key " + keyArn + " is not readable: " + e.getMessage());
        }
    }

    /** KMS's error code and message, or the client's failure. */
    private static String why(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    @Override
    public String toString() {
        return "KMS ledger key " + keyArn;
    }
}
