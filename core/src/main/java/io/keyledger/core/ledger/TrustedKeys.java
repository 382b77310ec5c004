package io.keyledger.core.ledger;

import io.keyledger.core.signing.SigningPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys verification trusts: a checkpoint, purge attestation or archived segment counts only if
 * one of them verifies it. Empty: nothing signed is checked (a store assembled without a signing key).
 */
public record TrustedKeys(List<SigningPublicKey> keys) {

    public static final TrustedKeys NONE = new TrustedKeys(List.of());

    public TrustedKeys {
        keys = List.copyOf(keys);
    }

    public static TrustedKeys of(SigningPublicKey... keys) {
        return new TrustedKeys(List.of(keys));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key of {@code keyId}, if trusted. */
    public Optional<SigningPublicKey> forId(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /** Whether a trusted key verifies the checkpoint. */
    public boolean verify(Checkpoint c) {
        return forId(c.keyId()).map(c::verifiesWith).orElse(false);
    }

    /** "key a1b2..." or "keys a1b2..., c3d4...": how messages name them. */
    public String describe() {
        Map<String, String> ids = new LinkedHashMap<>();
        keys.forEach(k -> ids.put(k.keyId(), k.keyId()));
        return (ids.size() == 1 ? "key " : "keys ") + String.join(", ", ids.keySet());
    }
}
