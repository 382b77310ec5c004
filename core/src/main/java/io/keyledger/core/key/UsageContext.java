package io.keyledger.core.key;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services use a key, and which of them are AI services.
 *
 * @param services   calling services seen in events, grants or annotations (sorted)
 * @param aiServices the subset of services that are AI/ML services (sorted)
 * @param lastUsedAt last cryptographic use seen
 */
public record UsageContext(Set<String> services, Set<String> aiServices, Optional<Instant> lastUsedAt) {

    public static final UsageContext NONE = new UsageContext(Set.of(), Set.of(), Optional.empty());

    public UsageContext {
        services = Collections.unmodifiableSortedSet(new TreeSet<>(services));
        aiServices = Collections.unmodifiableSortedSet(new TreeSet<>(aiServices));
    }

    public boolean aiUsage() {
        return !aiServices.isEmpty();
    }

    public UsageContext withService(String service, boolean ai) {
        Set<String> s = new TreeSet<>(services);
        s.add(service);
        Set<String> a = new TreeSet<>(aiServices);
        if (ai) {
            a.add(service);
        }
        return new UsageContext(s, a, lastUsedAt);
    }

    public UsageContext withLastUsedAt(Optional<Instant> when) {
        return new UsageContext(services, aiServices, when);
    }
}
