package io.keyledger.azure.ledger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.SignResult;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.keyledger.core.signing.EcdsaSignature;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningException;
import io.keyledger.core.signing.SigningPublicKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signer whose key never leaves Azure Key Vault (or a Managed HSM): an EC P-256 key ({@code EC} or
 * {@code EC-HSM}) allowed to {@code sign}. Each signature is one Key Vault {@code sign} call with {@code ES256}
 * (the message's SHA-256 sent, {@code r || s} back, turned into DER by {@link EcdsaSignature}), which the vault's
 * diagnostic logs record with its caller; only the identities granted the key's sign action can sign. The key is
 * named by its versioned identifier, so that the public key read once with {@code GetKey} is the one that signs
 * even after the key is rotated. Building the signer does no I/O.
 */
public final class KeyVaultSigner implements Signer {

    /** {@code https://<vault>.vault.azure.net/keys/<name>/<32 hex digits>} (or a managed HSM's host). */
    private static final Pattern VERSIONED_KEY = Pattern.compile(
            "https://[A-Za-z0-9-]+\\.(vault\\.azure\\.net|managedhsm\\.azure\\.net)(:443)?/keys/[A-Za-z0-9-]{1,127}/[0-9a-fA-F]{32}");

    private final CryptographyClient client;
    private final String keyId;
    private volatile SigningPublicKey publicKey;

    /**
     * @param client a cryptography client of the key {@code keyId}
     * @param keyId  the key's versioned identifier, as the deployment names it
     */
    public KeyVaultSigner(CryptographyClient client, String keyId) {
        this.client = Objects.requireNonNull(client, "client");
        this.keyId = requireVersioned(keyId);
    }

    /**
     * The signer of the key {@code keyId}, through a cryptography client that authenticates with {@code credential}
     * (the function app's managed identity), sends through {@code http}, and refuses any request
     * {@link AzureLedgerOperation} does not declare.
     */
    public static KeyVaultSigner of(String keyId, TokenCredential credential, HttpClient http) {
        CryptographyClient client = new CryptographyClientBuilder().keyIdentifier(requireVersioned(keyId))
                .credential(credential).httpClient(http).addPolicy(new LedgerOperations())
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(3)
                        .setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(5))))
                .buildClient();
        return new KeyVaultSigner(client, keyId);
    }

    private static String requireVersioned(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (!VERSIONED_KEY.matcher(keyId).matches()) {
            throw new IllegalArgumentException("the ledger key '" + keyId + "' is not a Key Vault key's versioned "
                    + "identifier (https://<vault>.vault.azure.net/keys/<name>/<version>)");
        }
        return keyId;
    }

    /** The Key Vault key, as the deployment names it. */
    public String vaultKeyId() {
        return keyId;
    }

    @Override
    public io.keyledger.core.signing.SignatureAlgorithm algorithm() {
        return io.keyledger.core.signing.SignatureAlgorithm.ECDSA_P256_SHA256;
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        SignResult result;
        try {
            result = client.sign(SignatureAlgorithm.ES256, digest);
        } catch (RuntimeException e) {
            throw new SigningException("Key Vault did not sign with the ledger key " + keyId + ": " + why(e), e);
        }
        try {
            return EcdsaSignature.derFromConcatenated(result.getSignature());
        } catch (IllegalArgumentException e) {
            throw new SigningException("Key Vault answered the ledger key " + keyId + "'s sign with no ES256 signature: "
                    + e.getMessage());
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
        KeyVaultKey key;
        try {
            key = client.getKey();
        } catch (RuntimeException e) {
            throw new SigningException("cannot read the public key of the ledger key " + keyId + ": " + why(e), e);
        }
        JsonWebKey jwk = key.getKey();
        if (jwk == null || !(KeyType.EC.equals(jwk.getKeyType()) || KeyType.EC_HSM.equals(jwk.getKeyType()))
                || !KeyCurveName.P_256.equals(jwk.getCurveName())) {
            throw new SigningException("the ledger key " + keyId + " is a "
                    + (jwk == null ? "key without a JWK" : jwk.getKeyType() + " " + jwk.getCurveName() + " key")
                    + ", not an EC P-256 key");
        }
        if (jwk.getKeyOps() != null && !jwk.getKeyOps().contains(KeyOperation.SIGN)) {
            throw new SigningException("the ledger key " + keyId + " may not sign (its operations are "
                    + jwk.getKeyOps() + ")");
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            return SigningPublicKey.fromJwk(Map.of("kty", "EC", "crv", "P-256", "x", b64.encodeToString(jwk.getX()),
                    "y", b64.encodeToString(jwk.getY())));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SigningException("the public key of the ledger key " + keyId + " is not readable: "
                    + e.getMessage());
        }
    }

    /** Key Vault's status and error, or the client's failure. */
    private static String why(RuntimeException e) {
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            return h.getResponse().getStatusCode() + " " + firstLine(h.getMessage());
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    @Override
    public String toString() {
        return "Key Vault ledger key " + keyId;
    }
}
