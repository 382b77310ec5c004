package io.keyledger.core.store;

import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import java.util.Objects;
import java.util.Optional;

/** Filters on the inventory; empty means any. Results come in key id order. */
public record AssetQuery(Optional<Provider> provider, Optional<LifecycleState> state, Optional<String> owner) {

    public static final AssetQuery ALL = new AssetQuery(Optional.empty(), Optional.empty(), Optional.empty());

    public AssetQuery {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
    }

    public AssetQuery withProvider(Provider p) {
        return new AssetQuery(Optional.of(p), state, owner);
    }

    public AssetQuery withState(LifecycleState s) {
        return new AssetQuery(provider, Optional.of(s), owner);
    }

    public AssetQuery withOwner(String o) {
        return new AssetQuery(provider, state, Optional.of(o));
    }
}
