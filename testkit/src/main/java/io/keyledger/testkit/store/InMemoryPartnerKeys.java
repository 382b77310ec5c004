package io.keyledger.testkit.store;

import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PartnerKeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Partner-held keys in memory, for tests: the reference {@link PartnerKeyStoreContract} is written against. */
public final class InMemoryPartnerKeys implements PartnerKeyStore {

    /** By tenant, then "partner\nkeyId" (so that iteration is by partner, then key id). */
    private final Map<String, TreeMap<String, PartnerKey>> byTenant = new HashMap<>();

    @Override
    public synchronized void replacePartnerKeys(String tenant, String partner, List<PartnerKey> keys) {
        check(partner, keys);
        TreeMap<String, PartnerKey> all = byTenant.computeIfAbsent(tenant, t -> new TreeMap<>());
        all.keySet().removeIf(k -> k.startsWith(partner + "\n"));
        keys.forEach(k -> all.put(partner + "\n" + k.keyId(), k));
    }

    @Override
    public synchronized Page<PartnerKey> partnerKeys(String tenant, Optional<String> partner, PageRequest page) {
        TreeMap<String, PartnerKey> all = byTenant.getOrDefault(tenant, new TreeMap<>());
        String after = page.cursor().map(Cursors::decode).orElse("");
        List<PartnerKey> out = new ArrayList<>();
        for (Map.Entry<String, PartnerKey> e : all.tailMap(after, false).entrySet()) {
            if (partner.isPresent() && !e.getValue().partner().equals(partner.get())) {
                continue;
            }
            if (out.size() == page.limit()) {
                return new Page<>(out, Optional.of(Cursors.encode(key(out.get(out.size() - 1)))));
            }
            out.add(e.getValue());
        }
        return new Page<>(out, Optional.empty());
    }

    static String key(PartnerKey k) {
        return k.partner() + "\n" + k.keyId();
    }

    /** The checks every store makes before it replaces anything. */
    static void check(String partner, List<PartnerKey> keys) {
        Set<String> ids = new HashSet<>();
        for (PartnerKey k : keys) {
            if (!k.partner().equals(partner)) {
                throw new IllegalArgumentException("key " + k.keyId() + " is partner " + k.partner() + "'s, not " + partner + "'s");
            }
            if (!ids.add(k.keyId())) {
                throw new IllegalArgumentException("key " + k.keyId() + " is listed twice");
            }
        }
    }
}
