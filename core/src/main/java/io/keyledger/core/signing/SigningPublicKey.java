package io.keyledger.core.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public half of a {@link Signer}'s key: what an auditor needs, and all that verification needs.
 * It reads and writes the forms other tools use: PEM (SubjectPublicKeyInfo, what {@code openssl},
 * {@code aws kms get-public-key} and Cloud KMS {@code getPublicKey} give), DER, and JWK (RFC 7517, what Azure
 * Key Vault gives). Its {@link #keyId()} is the RFC 7638 thumbprint, which anyone can compute from the key
 * itself.
 */
public final class SigningPublicKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PUBLIC KEY-----");
    /** The P-256 curve order's byte length: each JWK coordinate is this long. */
    private static final int COORDINATE_BYTES = 32;

    private final SignatureAlgorithm algorithm;
    private final ECPublicKey key;
    private final byte[] spki;
    private final String keyId;

    private SigningPublicKey(SignatureAlgorithm algorithm, ECPublicKey key) {
        this.algorithm = algorithm;
        this.key = key;
        this.spki = key.getEncoded();
        this.keyId = thumbprint(key);
    }

    /** The key, if it is an EC P-256 public key. */
    public static SigningPublicKey of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !isP256(ec)) {
            throw new IllegalArgumentException("not an EC P-256 public key (algorithm " + key.getAlgorithm() + ")");
        }
        return new SigningPublicKey(SignatureAlgorithm.ECDSA_P256_SHA256, ec);
    }

    /** A DER SubjectPublicKeyInfo (as AWS KMS GetPublicKey returns it). */
    public static SigningPublicKey fromSpki(byte[] der) {
        try {
            return of(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a DER-encoded EC P-256 public key: " + e.getMessage());
        }
    }

    /** A PEM {@code PUBLIC KEY} block (any text around it is ignored). */
    public static SigningPublicKey fromPem(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no '-----BEGIN PUBLIC KEY-----' block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PUBLIC KEY block is not base64: " + e.getMessage());
        }
        return fromSpki(der);
    }

    /**
     * A JWK (RFC 7517) of an EC P-256 public key ({@code kty} EC, {@code crv} P-256, {@code x} and {@code y}
     * base64url), as Azure Key Vault gives a key's; other members are ignored.
     */
    public static SigningPublicKey fromJwk(Map<String, String> jwk) {
        Objects.requireNonNull(jwk, "jwk");
        if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) {
            throw new IllegalArgumentException("not an EC P-256 JWK (kty " + jwk.get("kty") + ", crv " + jwk.get("crv")
                    + ")");
        }
        BigInteger x = coordinate(jwk, "x");
        BigInteger y = coordinate(jwk, "y");
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(SignatureAlgorithm.ECDSA_P256_SHA256.curve()));
            ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
            if (!onCurve(curve, x, y)) {
                throw new IllegalArgumentException("the JWK's point (x, y) is not on P-256");
            }
            return of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every Java platform", e);
        }
    }

    private static BigInteger coordinate(Map<String, String> jwk, String name) {
        String value = jwk.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the JWK has no '" + name + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWK's '" + name + "' is not base64url: " + e.getMessage());
        }
        if (bytes.length != COORDINATE_BYTES) {
            throw new IllegalArgumentException("the JWK's '" + name + "' is " + bytes.length + " bytes, not "
                    + COORDINATE_BYTES);
        }
        return new BigInteger(1, bytes);
    }

    /** y^2 = x^3 + ax + b (mod p), with both coordinates in the field. */
    private static boolean onCurve(ECParameterSpec curve, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) curve.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getCurve().getA().multiply(x)).add(curve.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The RFC 7638 JWK thumbprint (SHA-256, base64url without padding). */
    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return key;
    }

    /** The DER SubjectPublicKeyInfo. */
    public byte[] spki() {
        return spki.clone();
    }

    /** The PEM form, as {@code openssl pkey -pubout} writes it (64-character lines, final line feed). */
    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** The JWK (RFC 7517/7518), with {@code kid} the thumbprint, {@code use} sig and {@code alg} ES256. */
    public Map<String, String> jwk() {
        Map<String, String> jwk = new LinkedHashMap<>(publicMembers(key));
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", algorithm.jwsName());
        return jwk;
    }

    /** Whether {@code signature} (DER) is this key's signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not a DER signature at all
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningPublicKey other && Arrays.equals(spki, other.spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "EC P-256 public key " + keyId;
    }

    private static boolean isP256(ECPublicKey ec) {
        // P-256's order n; a key on another 256-bit curve (secp256k1) has another one.
        return ec.getParams().getOrder().equals(new BigInteger(
                "115792089210356248762697446949407573529996955224135760342422259061068512044369"));
    }

    private static Map<String, String> publicMembers(ECPublicKey key) {
        ECPoint w = key.getW();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // RFC 7638: the required members in lexicographic order, which is also how the thumbprint hashes them
        Map<String, String> m = new LinkedHashMap<>();
        m.put("crv", "P-256");
        m.put("kty", "EC");
        m.put("x", b64.encodeToString(unsigned(w.getAffineX())));
        m.put("y", b64.encodeToString(unsigned(w.getAffineY())));
        return m;
    }

    private static String thumbprint(ECPublicKey key) {
        Map<String, String> m = publicMembers(key);
        StringBuilder json = new StringBuilder("{");
        m.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":\"").append(value).append('"'));
        json.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** A coordinate as exactly 32 big-endian bytes (BigInteger adds a sign byte or drops leading zeros). */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == COORDINATE_BYTES) {
            return bytes;
        }
        byte[] out = new byte[COORDINATE_BYTES];
        int copy = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copy, out, COORDINATE_BYTES - copy, copy);
        return out;
    }
}
