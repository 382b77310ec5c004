package io.keyledger.core.access;

import java.util.Objects;

/**
 * What an operation touches, and the tenant it belongs to.
 *
 * @param id the key id, report name, alert id... (empty for the tenant's collection as a whole)
 */
public record Resource(String tenant, Kind kind, String id) {

    public enum Kind { TENANT, KEY, KEY_STORE, LEDGER, REPORT, ALERT, SWEEP, LEGAL_HOLD, POLICY }

    public Resource {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        id = id == null ? "" : id;
    }

    public static Resource key(String tenant, String keyId) {
        return new Resource(tenant, Kind.KEY, keyId);
    }

    public static Resource tenant(String tenant) {
        return new Resource(tenant, Kind.TENANT, "");
    }
}
