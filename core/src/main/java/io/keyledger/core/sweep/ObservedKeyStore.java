package io.keyledger.core.sweep;

import io.keyledger.core.keystore.KeyStoreKind;
import io.keyledger.core.keystore.KeyStoreRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider's listing says of one key store or HSM of the scope (AWS DescribeCustomKeyStores).
 *
 * @param state   the provider's connection state ({@code CONNECTED}, {@code DISCONNECTED}, {@code FAILED})
 * @param backing what backs it: a CloudHSM cluster id, an external key store proxy's endpoint
 */
public record ObservedKeyStore(KeyStoreRef ref, KeyStoreKind kind, Optional<String> name, Optional<String> state,
                               Optional<String> backing, Optional<Instant> createdAt) {

    public ObservedKeyStore {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
