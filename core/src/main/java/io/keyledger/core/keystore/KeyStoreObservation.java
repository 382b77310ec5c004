package io.keyledger.core.keystore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source says of a key store at one time: an event about the store itself (created, connected,
 * deleted), a listing of a sweep, or a key that names it as its key store.
 *
 * @param at        when it was so (the event time, or when the sweep read it)
 * @param source    an id of the source ({@code <event id>}, {@code sweep:<id>}, {@code key:<key id>})
 * @param state     the provider's connection or lifecycle state ({@code CONNECTED}, {@code DISCONNECTED}, ...)
 * @param backing   what backs it: a CloudHSM cluster, an external key store proxy, a pool's URI
 * @param describes whether the source read the store in full (a sweep's listing): it then is fully observed
 */
public record KeyStoreObservation(KeyStoreRef ref, KeyStoreKind kind, Instant at, String source,
                                  Optional<String> name, Optional<String> state, Optional<String> backing,
                                  Optional<Instant> createdAt, boolean deleted, boolean describes) {

    public KeyStoreObservation {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A key store known only because a key names it: its kind, at most. */
    public static KeyStoreObservation namedByKey(KeyStoreRef ref, KeyStoreKind kind, Instant at, String keyId) {
        return new KeyStoreObservation(ref, kind, at, "key:" + keyId, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false);
    }
}
