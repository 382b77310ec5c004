package io.keyledger.core.keystore;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key stores and HSMs of the inventory: records merged from what events, sweeps and keys say of
 * them, each change written conditionally and ledgered like a key's.
 */
public final class KeyStoreInventory {

    private static final int MAX_WRITE_ATTEMPTS = 50;

    private final InventoryStore store;
    private final LedgerWriter ledger;

    public KeyStoreInventory(InventoryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = new LedgerWriter(store, Objects.requireNonNull(clock, "clock"));
    }

    /** Merges one observation into the store's record; returns the record, changed or not. */
    public KeyStoreRecord record(String tenant, KeyStoreObservation observation, ExpiryRules rules) {
        String id = observation.ref().id();
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<KeyStoreRecord>> current = store.keyStore(tenant, id);
            KeyStoreRecord next = current.map(v -> v.value().merge(observation))
                    .orElseGet(() -> KeyStoreRecord.of(tenant, observation));
            if (current.isPresent() && current.get().value().equals(next)) {
                return next;
            }
            long revision;
            try {
                revision = store.putKeyStore(tenant, next, current.map(Versioned::revision).orElse(0L));
            } catch (StaleRevisionException e) {
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("keyStoreId", id);
            payload.put("source", observation.source());
            payload.put("revision", revision);
            payload.put("recordSha256", LedgerHash.sha256Hex(Json.write(next)));
            ledger.append(tenant, LedgerEntryType.KEY_STORE_CHANGED, Optional.of(id), Json.write(payload), rules);
            return next;
        }
    }

    public Optional<KeyStoreRecord> get(String tenant, String keyStoreId) {
        return store.keyStore(tenant, keyStoreId).map(Versioned::value);
    }

    /** The keys the store holds, in key id order. */
    public List<CryptoAsset> keysOf(String tenant, KeyStoreRef ref) {
        List<CryptoAsset> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<CryptoAsset> assets = store.assets(tenant, AssetQuery.ALL.withProvider(ref.provider())
                    .withAccount(ref.accountScope()), page);
            assets.items().stream().filter(a -> ref.holds(a.ref(), a.keyStore())).forEach(out::add);
            if (assets.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(assets.nextCursor().get());
        }
    }

    /** What a key's record tells of the store holding it, if it names one. */
    public static Optional<KeyStoreObservation> namedBy(CryptoAsset key) {
        return key.keyStore().map(nativeId -> KeyStoreObservation.namedByKey(KeyStoreRef.holding(key.ref(), nativeId),
                KeyStoreKind.of(key.provider(), nativeId, key.protection()), key.provenance().lastEventAt(), key.id()));
    }
}
