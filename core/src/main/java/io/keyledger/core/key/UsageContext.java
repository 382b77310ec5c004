package io.keyledger.core.key;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services use a key, which of them are AI services, and for what.
 *
 * <p>Usage is an aggregate: merging is commutative, associative and idempotent (unions, and the latest
 * use), so that usage seen in any order, any number of times, adds up to the same.
 *
 * @param services     calling services seen in events, grants or annotations (sorted)
 * @param aiServices   the subset of services that are AI/ML services (sorted)
 * @param lastUsedAt   last cryptographic use seen
 * @param lastUsedBy   the principal of that use
 * @param aiCategories what AI workloads use the key for
 */
public record UsageContext(Set<String> services, Set<String> aiServices, Optional<Instant> lastUsedAt,
                           Optional<String> lastUsedBy, Set<AiUsageCategory> aiCategories) {

    public static final UsageContext NONE = new UsageContext(Set.of(), Set.of(), Optional.empty(), Optional.empty(),
            Set.of());

    private static final Comparator<UsageContext> LATEST = Comparator
            .comparing((UsageContext u) -> u.lastUsedAt.orElse(Instant.MIN))
            .thenComparing(u -> u.lastUsedBy.orElse(""));

    public UsageContext {
        services = sorted(services);
        aiServices = sorted(aiServices);
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(lastUsedBy, "lastUsedBy");
        aiCategories = sorted(aiCategories);
    }

    /** An unmodifiable sorted copy; the one empty set when empty (most keys have no AI use: no set each). */
    private static <T> Set<T> sorted(Set<T> set) {
        return set.isEmpty() ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    public boolean aiUsage() {
        return !aiServices.isEmpty() || !aiCategories.isEmpty();
    }

    public UsageContext withService(String service, boolean ai) {
        Set<String> s = new TreeSet<>(services);
        s.add(service);
        Set<String> a = new TreeSet<>(aiServices);
        if (ai) {
            a.add(service);
        }
        return new UsageContext(s, a, lastUsedAt, lastUsedBy, aiCategories);
    }

    public UsageContext withCategories(Set<AiUsageCategory> more) {
        Set<AiUsageCategory> c = new TreeSet<>(aiCategories);
        c.addAll(more);
        return new UsageContext(services, aiServices, lastUsedAt, lastUsedBy, c);
    }

    /** Records a use, keeping whichever use is the latest. */
    public UsageContext withUse(Instant at, Optional<String> by) {
        UsageContext candidate = new UsageContext(services, aiServices, Optional.of(at), by, aiCategories);
        return LATEST.compare(candidate, this) > 0 ? candidate : this;
    }

    /** Whether merging {@code other} into this would change nothing. */
    private boolean covers(UsageContext other) {
        return LATEST.compare(other, this) <= 0 && services.containsAll(other.services)
                && aiServices.containsAll(other.aiServices) && aiCategories.containsAll(other.aiCategories);
    }

    /** The union of two usages; the order of merging never matters. */
    public UsageContext merge(UsageContext other) {
        // Most merges add nothing new (a key's services are few, its uses many): no copies then.
        if (covers(other)) {
            return this;
        }
        if (other.covers(this)) {
            return other;
        }
        UsageContext latest = LATEST.compare(other, this) > 0 ? other : this;
        Set<String> s = new TreeSet<>(services);
        s.addAll(other.services);
        Set<String> a = new TreeSet<>(aiServices);
        a.addAll(other.aiServices);
        Set<AiUsageCategory> c = new TreeSet<>(aiCategories);
        c.addAll(other.aiCategories);
        return new UsageContext(s, a, latest.lastUsedAt, latest.lastUsedBy, c);
    }
}
