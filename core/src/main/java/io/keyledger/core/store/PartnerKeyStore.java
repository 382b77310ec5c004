package io.keyledger.core.store;

import io.keyledger.core.feed.PartnerKey;
import java.util.List;
import java.util.Optional;

/**
 * The keys partners hold, as their signed feeds list them: kept apart from the tenant's own inventory (no
 * inventory read ever returns them), per tenant and partner. A partner's newest feed is its whole
 * inventory, so recording it replaces what the partner's older feeds said. Every call takes the tenant.
 *
 * <p>A port of its own beside {@link InventoryStore}: the entry points that exchange feeds (the local CLI and
 * server) have one; {@code PartnerKeyStoreContract} (core test-jar) is its contract.
 */
public interface PartnerKeyStore {

    /**
     * Replaces the partner's keys in {@code tenant} with {@code keys}, all of that partner (its newest feed), in
     * one unit: a reader sees the old set or the new one.
     *
     * @throws IllegalArgumentException when a key is another partner's, or two keys have the same id
     */
    void replacePartnerKeys(String tenant, String partner, List<PartnerKey> keys);

    /** The tenant's partner-held keys, of one partner or all, by partner then key id, a page at a time. */
    Page<PartnerKey> partnerKeys(String tenant, Optional<String> partner, PageRequest page);
}
