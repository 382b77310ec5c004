package io.keyledger.core.key;

import java.util.Objects;

/**
 * Canonical identity of one key.
 *
 * @param provider     the cloud
 * @param accountScope AWS account id, Azure tenant/subscription, or GCP project
 * @param location     AWS region, Azure vault (or managed HSM), or GCP location/key ring
 * @param nativeId     the provider's own resource name: key ARN, key identifier URL (without
 *                     version) or Cloud KMS CryptoKey resource name
 */
public record KeyRef(Provider provider, String accountScope, String location, String nativeId) {

    public KeyRef {
        Objects.requireNonNull(provider, "provider");
        accountScope = requireText(accountScope, "accountScope");
        location = requireText(location, "location");
        nativeId = requireText(nativeId, "nativeId");
    }

    /** The key id used throughout KeyLedger: {@code <provider code>:<native id>}. */
    public String id() {
        return provider.code() + ":" + nativeId;
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return value.trim();
    }
}
