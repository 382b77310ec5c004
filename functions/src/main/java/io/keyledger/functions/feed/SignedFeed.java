package io.keyledger.functions.feed;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A feed as exported: the exact bytes signed, and the detached signature (DER, ECDSA P-256 with SHA-256),
 * which {@code openssl dgst -sha256 -verify KEY.pem -signature feed.json.sig feed.json} verifies.
 *
 * @param throughSequence the tenant's ledger head the feed goes up to: the next feed starts after it
 */
public record SignedFeed(byte[] feed, byte[] signature, String keyId, String signatureAlgorithm, String feedId,
                         long throughSequence, long keys, long changes, String sha256) {

    public SignedFeed {
        feed = Objects.requireNonNull(feed, "feed").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public byte[] feed() {
        return feed.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The feed as the API carries it, one JSON object: the feed and its signature base64-encoded (so that the
     * exact signed bytes survive), with what identifies them. {@code POST /imports} takes the same object.
     */
    public Map<String, Object> envelope() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feedId", feedId);
        m.put("keyId", keyId);
        m.put("signatureAlgorithm", signatureAlgorithm);
        m.put("throughSequence", throughSequence);
        m.put("keys", keys);
        m.put("changes", changes);
        m.put("sha256", sha256);
        m.put("feed", Base64.getEncoder().encodeToString(feed));
        m.put("signature", Base64.getEncoder().encodeToString(signature));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedFeed s && java.util.Arrays.equals(feed, s.feed)
                && java.util.Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(feed) * 31 + java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedFeed[" + feedId + ", " + feed.length + " bytes, key " + keyId + "]";
    }
}
