package io.keyledger.core.store;

import io.keyledger.core.key.CryptoAsset;
import java.util.Optional;

/**
 * The key inventory records: one projection per key, written with a conditional write on its revision.
 * Every call takes the tenant; a record whose retention has passed is invisible to every read.
 * Contract: {@code KeyRecordStoreContract} (in the testkit).
 */
public interface KeyRecordStore {

    /** The key's record and its revision, unless absent or expired. */
    Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId);

    /**
     * Writes a key's record if its stored revision is still {@code expectedRevision} (0: it must not
     * exist yet, or only as an expired record, which the write replaces), and returns the new revision.
     *
     * @throws StaleRevisionException when another writer got there first
     */
    long putAsset(String tenant, CryptoAsset asset, long expectedRevision);

    /** The tenant's key records matching the query, in key id order, one page at a time. */
    Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page);
}
