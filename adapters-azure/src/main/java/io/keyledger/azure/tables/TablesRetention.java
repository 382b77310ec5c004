package io.keyledger.azure.tables;

/**
 * How expired records leave the tables. Either way every read compares a record's exact {@code expiry}
 * with the store's clock, so an expired record is invisible at once, and a record under legal hold has
 * no expiry and is never removed.
 */
public enum TablesRetention {
    /**
     * Azure Storage tables: no time to live. Expired records stay until the scheduled purge
     * ({@code purgeExpired}) removes and attests them.
     */
    STORAGE_PURGE,
    /**
     * Azure Cosmos DB for Table with time to live switched on for the table ({@code DefaultTimeToLive = -1}):
     * each expiring entity also carries {@code ttl}, whole seconds from its write to its expiry (ledger
     * records a grace period later, so that the purge attests them first). Cosmos DB deletes it then; the
     * scheduled purge still runs, and attests the ledger runs it removes.
     */
    COSMOS_TTL
}
