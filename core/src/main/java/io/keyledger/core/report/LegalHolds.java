package io.keyledger.core.report;

import io.keyledger.core.retention.LegalHold;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The tenant's legal holds, read once per report: whether a key's records are under one. */
record LegalHolds(boolean tenantWide, Set<String> keyIds) {

    static LegalHolds of(List<LegalHold> holds) {
        Set<String> keys = new HashSet<>();
        boolean tenant = false;
        for (LegalHold h : holds) {
            if (h.tenantWide()) {
                tenant = true;
            } else {
                keys.add(h.keyId().orElseThrow());
            }
        }
        return new LegalHolds(tenant, Set.copyOf(keys));
    }

    boolean covers(String keyId) {
        return tenantWide || keyIds.contains(keyId);
    }
}
