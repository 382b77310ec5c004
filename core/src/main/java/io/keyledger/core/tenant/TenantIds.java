package io.keyledger.core.tenant;

import java.util.regex.Pattern;

/** Tenant ids: 1 to 64 letters, digits, '.', '_' or '-'. */
public final class TenantIds {

    /** The tenant of events from accounts no mapping names. */
    public static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TenantIds() {
    }

    public static String requireValid(String tenant) {
        if (tenant == null || !VALID.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant id '" + tenant
                    + "' (1 to 64 letters, digits, '.', '_' or '-')");
        }
        return tenant;
    }
}
