package io.keyledger.functions.sweep;

import io.keyledger.core.key.Provider;
import io.keyledger.core.tenant.TenantMapping;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep started from the admin API ({@code POST /sweeps}) is the same on every cloud: its id, and
 * which of the cloud's accounts (AWS accounts, Azure subscriptions, Google Cloud projects) the tenant's sweep
 * covers. Each cloud's launcher lists the scopes of those accounts and queues them its own way.
 */
public final class ApiSweepStart {

    /** The id of a sweep the admin API started, from the time it was asked for. */
    public static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'api-'yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ApiSweepStart() {
    }

    /**
     * The tenant's accounts of one provider, in the mapping's order: those the mapping assigns to it, and for
     * the default tenant also the configured accounts no entry names; limited to the configured ones when any
     * are configured.
     */
    public static List<String> accountsOf(String tenant, TenantMapping mapping, Provider provider,
                                          List<String> configured) {
        String prefix = provider.code() + ":";
        Set<String> mapped = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : mapping.accounts().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String account = e.getKey().substring(prefix.length());
                mapped.add(account);
                if (e.getValue().equals(tenant)) {
                    accounts.add(account);
                }
            }
        }
        if (tenant.equals(mapping.fallback())) {
            configured.stream().filter(a -> !mapped.contains(a)).forEach(accounts::add);
        }
        if (!configured.isEmpty()) {
            accounts.retainAll(Set.copyOf(configured));
        }
        return List.copyOf(accounts);
    }
}
