package io.keyledger.testkit.ledger;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * What an attacker with write access to a store can do to it, below every KeyLedger check: each store's
 * tamper suite implements these on the raw rows or items (SQL on the SQLite file, items on the DynamoDB
 * table), as someone holding the file or the ingest role's credentials would.
 */
public interface StoreTamper {

    /** Writes the record as given (content, hash, expiry) over the stored one of its sequence, or adds it. */
    void writeLedgerRecord(LedgerRecord record);

    /** Deletes the records {@code from..to}, and nothing else. */
    void deleteLedgerRecords(String tenant, long from, long to);

    /** Sets the stored head. */
    void setLedgerHead(String tenant, LedgerHead head);

    /** Deletes the stored head, wherever the store keeps it. */
    void deleteLedgerHead(String tenant);

    /** Writes the stored event as given (its JSON, received time, expiry) over the stored one. */
    void writeEvent(StoredEvent event);

    /** Deletes a stored event (every row or item of it). */
    void deleteEvent(String tenant, String keyId, String dedupKey);

    /** Writes a key's record as given, keeping its revision. */
    void writeAsset(String tenant, CryptoAsset asset);

    /** Deletes a legal hold from the store's settings, and nothing else. */
    void deleteLegalHold(String tenant, Optional<String> keyId);

    /** Sets the stored expiry of a ledger record. */
    void setLedgerExpiry(String tenant, long sequence, Optional<Instant> expiry);

    /** Sets the stored expiry of an event (every row or item of it). */
    void setEventExpiry(String tenant, String keyId, String dedupKey, Optional<Instant> expiry);

    /** Writes text that is not an instant where a ledger record's recording time is kept. */
    void corruptRecordedAt(String tenant, long sequence, String text);

    /** Writes text that is not an instant where an event's expiry is kept. */
    void corruptEventExpiry(String tenant, String keyId, String dedupKey, String text);
}
