package io.keyledger.core.keystore;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The inventory record of one key store or HSM (an AWS custom key store, an Azure Managed HSM pool, a
 * Google single-tenant HSM instance): metadata only. Its keys are the key records whose key store is its
 * native id ({@link KeyStoreRef#holds}).
 *
 * <p>It is merged from observations value by value, each value as the latest source to tell it told it
 * ({@link Told}), so that any order of observations gives the same record.
 *
 * @param kind        what it is, as the latest source to know told it
 * @param name        its name at the provider
 * @param state       the provider's connection or lifecycle state ({@code CONNECTED}, {@code DISCONNECTED})
 * @param backing     what backs it: a CloudHSM cluster, an external key store proxy, a pool's URI
 * @param deletedAt   when the store was deleted, if it was
 * @param lastAt      the time of the latest observation merged
 * @param lastSweptAt the last time a sweep listed it
 * @param described   whether a sweep or an event about the store itself described it; false while it is
 *                    known only from the keys that name it (partially observed)
 */
public record KeyStoreRecord(KeyStoreRef ref, String tenant, Optional<Told> kind, Optional<Told> name,
                             Optional<Told> state, Optional<Told> backing, Optional<Instant> createdAt,
                             Optional<Instant> deletedAt, Instant firstSeenAt, Instant lastAt,
                             Optional<Instant> lastSweptAt, boolean described) {

    public KeyStoreRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(lastSweptAt, "lastSweptAt");
    }

    public String id() {
        return ref.id();
    }

    public KeyStoreKind kindOrUnknown() {
        return kind.map(t -> KeyStoreKind.valueOf(t.value())).orElse(KeyStoreKind.UNKNOWN);
    }

    public Optional<String> nameValue() {
        return name.map(Told::value);
    }

    public Optional<String> stateValue() {
        return state.map(Told::value);
    }

    public Optional<String> backingValue() {
        return backing.map(Told::value);
    }

    public boolean partiallyObserved() {
        return !described;
    }

    /** A first record from one observation. */
    public static KeyStoreRecord of(String tenant, KeyStoreObservation o) {
        KeyStoreRecord empty = new KeyStoreRecord(o.ref(), tenant, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), o.at(), o.at(), Optional.empty(), false);
        return empty.merge(o);
    }

    /** This record with {@code o} merged in. */
    public KeyStoreRecord merge(KeyStoreObservation o) {
        Optional<Told> k = o.kind() == KeyStoreKind.UNKNOWN ? kind
                : Told.latest(kind, Optional.of(new Told(o.kind().name(), o.at(), o.source())));
        Optional<Instant> deleted = o.deleted() ? earliest(deletedAt, Optional.of(o.at())) : deletedAt;
        Optional<Instant> swept = o.describes() && o.source().startsWith("sweep:")
                ? latest(lastSweptAt, Optional.of(o.at())) : lastSweptAt;
        return new KeyStoreRecord(ref, tenant, k, told(name, o.name(), o), told(state, o.state(), o),
                told(backing, o.backing(), o), earliest(createdAt, o.createdAt()), deleted,
                o.at().isBefore(firstSeenAt) ? o.at() : firstSeenAt, o.at().isAfter(lastAt) ? o.at() : lastAt, swept,
                described || o.describes());
    }

    private static Optional<Told> told(Optional<Told> current, Optional<String> value, KeyStoreObservation o) {
        return Told.latest(current, value.map(v -> new Told(v, o.at(), o.source())));
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return a.get().isBefore(b.get()) ? a : b;
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return a.get().isAfter(b.get()) ? a : b;
    }
}
