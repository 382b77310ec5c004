package io.keyledger.core.keystore;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.util.Objects;

/**
 * Canonical identity of one key store or HSM: the provider, the account scope and location of the keys
 * it holds (as in {@link KeyRef}), and its native id, which those keys carry as their key store
 * ({@code cks-1234567890abcdef0}; {@code https://contoso-hsm.managedhsm.azure.net};
 * {@code projects/p/locations/l/singleTenantHsmInstances/i}).
 */
public record KeyStoreRef(Provider provider, String accountScope, String location, String nativeId) {

    public KeyStoreRef {
        Objects.requireNonNull(provider, "provider");
        accountScope = requireText(accountScope, "accountScope");
        location = requireText(location, "location");
        nativeId = requireText(nativeId, "nativeId");
    }

    /** The key store that holds {@code key}, whose key store is {@code nativeId}. */
    public static KeyStoreRef holding(KeyRef key, String nativeId) {
        return new KeyStoreRef(key.provider(), key.accountScope(), key.location(), nativeId);
    }

    /** The id used throughout KeyLedger: {@code <provider>:<account>:<location>:<native id>}. */
    public String id() {
        return provider.code() + ":" + accountScope + ":" + location + ":" + nativeId;
    }

    /** Whether {@code key} is held here: same provider, account scope and location, and this native id. */
    public boolean holds(KeyRef key, java.util.Optional<String> keyStore) {
        return key.provider() == provider && key.accountScope().equals(accountScope)
                && key.location().equals(location) && keyStore.filter(nativeId::equals).isPresent();
    }

    private static String requireText(String value, String field) {
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
