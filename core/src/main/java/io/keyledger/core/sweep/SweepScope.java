package io.keyledger.core.sweep;

import io.keyledger.core.key.Provider;
import java.util.Objects;

/**
 * One unit of a sweep: the keys of one provider account in one place (an AWS account and region, an
 * Azure vault, a Google project and location). Sweeps of different scopes run in parallel.
 */
public record SweepScope(Provider provider, String account, String location) {

    public SweepScope {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(location, "location");
    }

    public String id() {
        return provider.code() + ":" + account + ":" + location;
    }
}
