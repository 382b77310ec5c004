package io.keyledger.azure.tables;

import io.keyledger.core.tenant.TenantIds;

/**
 * The partition and row keys of every entity (docs/azure/TABLES.md has the table). Every partition key
 * starts with {@code T|<tenant>|}: tenant ids cannot hold {@code |}, so no key of one tenant is a key of
 * another. Ids that can hold any character (key ids, event ids) are written through {@link KeyText}.
 */
final class Keys {

    /** The service's limit on a partition or row key: 1 KiB of UTF-16. */
    private static final int KEY_CHARS = 512;

    static final String KEY_RECORD_PREFIX = "";
    static final String USAGE = "USAGE";
    static final String EVENT_MARKER = "EVENT";
    static final String HISTORY_PREFIX = "EV|";
    static final String LEDGER_RECORD_PREFIX = "R|";
    /** Sorts after every ledger record. */
    static final String LEDGER_HEAD = "~HEAD";
    static final String ALERT = "ALERT";
    static final String RETENTION = "RETENTION";
    static final String HOLD_PREFIX = "HOLD|";
    static final String TENANT = "TENANT";

    private Keys() {
    }

    static String requireSize(String key, String what) {
        if (key.length() > KEY_CHARS) {
            throw new IllegalArgumentException(what + " '" + key.substring(0, 80) + "...' is " + key.length()
                    + " characters, over Azure Tables' limit of " + KEY_CHARS);
        }
        return key;
    }

    static String tenant(String tenant) {
        return "T|" + TenantIds.requireValid(tenant) + "|";
    }

    /** The partition of a tenant's key records; the row key is the encoded key id. */
    static String keyRecords(String tenant) {
        return tenant(tenant) + "KEYS";
    }

    static String keyRow(String keyId) {
        return KeyText.encode(keyId);
    }

    /** The partition of one key: its history and its usage rollup. */
    static String keyPartition(String tenant, String keyId) {
        return tenant(tenant) + "KEY|" + KeyText.encode(keyId);
    }

    static String history(String dedupKey) {
        return HISTORY_PREFIX + KeyText.encode(dedupKey);
    }

    /** The partition whose one entity makes an event's id taken for the whole tenant. */
    static String eventMarker(String tenant, String dedupKey) {
        return tenant(tenant) + "EVENT|" + KeyText.encode(dedupKey);
    }

    /** The partition of a tenant's events of one UTC day, sorted by event time. */
    static String day(String tenant, String day) {
        return tenant(tenant) + "DAY|" + day;
    }

    static String dayRow(String timeKey, String dedupKey) {
        return timeKey + "|" + KeyText.encode(dedupKey);
    }

    /** The partition listing the days a tenant has events on. */
    static String days(String tenant) {
        return tenant(tenant) + "DAYS";
    }

    static String ledger(String tenant) {
        return tenant(tenant) + "LEDGER";
    }

    static String ledgerRecord(long sequence) {
        return LEDGER_RECORD_PREFIX + Entities.sequenceKey(sequence);
    }

    static String sweeps(String tenant) {
        return tenant(tenant) + "SWEEPS";
    }

    static String sweepRow(String sortKey) {
        return KeyText.encode(sortKey);
    }

    /** The partition of the parts of one generation of a sweep report too large for one entity. */
    static String sweepParts(String tenant, String sortKey, String generation) {
        return tenant(tenant) + "SWEEP|" + KeyText.encode(sortKey) + "|" + generation;
    }

    /** The partition of a tenant's alerts; the row key is the alert id. */
    static String alerts(String tenant) {
        return tenant(tenant) + "ALERTS";
    }

    /** The partition of a tenant's key store records; the row key is the key store id, encoded. */
    static String keyStores(String tenant) {
        return tenant(tenant) + "KEYSTORES";
    }

    static String settings(String tenant) {
        return tenant(tenant) + "CONFIG";
    }

    /** A tenant-wide hold has the bare prefix: no key id is empty. */
    static String hold(java.util.Optional<String> keyId) {
        return HOLD_PREFIX + keyId.map(KeyText::encode).orElse("");
    }

    /** The partition of the tenant registry's entity of a tenant (in the tenants table). */
    static String registry(String tenant) {
        return tenant(tenant) + "REGISTRY";
    }

    /** An OData string literal: quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
