package io.keyledger.core.store;

import io.keyledger.core.keystore.KeyStoreRecord;
import java.util.Optional;

/**
 * The records of key stores and HSMs, one per store, written with a conditional write on its revision
 * like key records. Key store records do not expire: there are few of them, and a deleted store's
 * record says when it was deleted. Contract: {@code KeyStoreRecordStoreContract} (core test-jar).
 */
public interface KeyStoreRecordStore {

    /** The key store's record and its revision, if known. */
    Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId);

    /**
     * Writes a key store's record if its stored revision is still {@code expectedRevision} (0: it must
     * not exist yet), and returns the new revision.
     *
     * @throws StaleRevisionException when another writer got there first
     */
    long putKeyStore(String tenant, KeyStoreRecord record, long expectedRevision);

    /** The tenant's key store records, in id order, one page at a time. */
    Page<KeyStoreRecord> keyStores(String tenant, PageRequest page);
}
