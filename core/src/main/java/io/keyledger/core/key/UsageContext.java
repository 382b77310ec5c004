package io.keyledger.core.key;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services use a key, which of them are AI services, for what, and what the key protects.
 *
 * <p>Usage is an aggregate: merging is commutative, associative and idempotent (unions, the earliest and
 * the latest use, a bounded union of resources), so that usage seen in any order, any number of times,
 * adds up to the same.
 *
 * @param services      calling services seen in events, grants or annotations (sorted)
 * @param aiServices    the subset of services that are AI/ML services (sorted)
 * @param lastUsedAt    last cryptographic use seen
 * @param lastUsedBy    the principal of that use
 * @param aiCategories  what AI workloads use the key for
 * @param firstUsedAt   first cryptographic use seen
 * @param lastOperation the provider's operation of the last use ({@code Decrypt}, {@code GenerateDataKey})
 * @param protects      the resources named in the uses' encryption context or audit entries
 */
public record UsageContext(Set<String> services, Set<String> aiServices, Optional<Instant> lastUsedAt,
                           Optional<String> lastUsedBy, Set<AiUsageCategory> aiCategories,
                           Optional<Instant> firstUsedAt, Optional<String> lastOperation,
                           ProtectedResources protects) {

    public static final UsageContext NONE = new UsageContext(Set.of(), Set.of(), Optional.empty(), Optional.empty(),
            Set.of());

    private static final Comparator<UsageContext> LATEST = Comparator
            .comparing((UsageContext u) -> u.lastUsedAt.orElse(Instant.MIN))
            .thenComparing(u -> u.lastUsedBy.orElse(""))
            .thenComparing(u -> u.lastOperation.orElse(""));

    public UsageContext {
        services = sorted(services);
        aiServices = sorted(aiServices);
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(lastUsedBy, "lastUsedBy");
        aiCategories = sorted(aiCategories);
        // Rollups stored before these fields existed read them as absent.
        firstUsedAt = firstUsedAt == null ? Optional.empty() : firstUsedAt;
        lastOperation = lastOperation == null ? Optional.empty() : lastOperation;
        protects = protects == null ? ProtectedResources.NONE : protects;
    }

    public UsageContext(Set<String> services, Set<String> aiServices, Optional<Instant> lastUsedAt,
                        Optional<String> lastUsedBy, Set<AiUsageCategory> aiCategories) {
        this(services, aiServices, lastUsedAt, lastUsedBy, aiCategories, Optional.empty(), Optional.empty(),
                ProtectedResources.NONE);
    }

    /**
     * An unmodifiable sorted copy: the set itself when it is one already (a usage is rebuilt around unchanged
     * sets at every use), and the one empty set when empty (most keys have no AI use).
     */
    private static <T extends Comparable<? super T>> Set<T> sorted(Set<T> set) {
        return SortedArraySet.of(set);
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
        return new UsageContext(s, a, lastUsedAt, lastUsedBy, aiCategories, firstUsedAt, lastOperation, protects);
    }

    public UsageContext withCategories(Set<AiUsageCategory> more) {
        Set<AiUsageCategory> c = new TreeSet<>(aiCategories);
        c.addAll(more);
        return new UsageContext(services, aiServices, lastUsedAt, lastUsedBy, c, firstUsedAt, lastOperation, protects);
    }

    public UsageContext withProtected(ProtectedResources more) {
        return new UsageContext(services, aiServices, lastUsedAt, lastUsedBy, aiCategories, firstUsedAt,
                lastOperation, protects.merge(more));
    }

    /** Records a use, keeping whichever use is the latest. */
    public UsageContext withUse(Instant at, Optional<String> by) {
        return withUse(at, by, Optional.empty());
    }

    /** Records a use and its operation, keeping the earliest use and whichever use is the latest. */
    public UsageContext withUse(Instant at, Optional<String> by, Optional<String> operation) {
        Optional<Instant> first = firstUsedAt.filter(f -> !f.isAfter(at)).or(() -> Optional.of(at));
        UsageContext candidate = new UsageContext(services, aiServices, Optional.of(at), by, aiCategories, first,
                operation, protects);
        UsageContext kept = LATEST.compare(candidate, this) > 0 ? candidate : this;
        return new UsageContext(services, aiServices, kept.lastUsedAt, kept.lastUsedBy, aiCategories, first,
                kept.lastOperation, protects);
    }

    /** Whether merging {@code other} into this would change nothing. */
    private boolean covers(UsageContext other) {
        return LATEST.compare(other, this) <= 0 && services.containsAll(other.services)
                && aiServices.containsAll(other.aiServices) && aiCategories.containsAll(other.aiCategories)
                && earliest(firstUsedAt, other.firstUsedAt).equals(firstUsedAt)
                && protects.covers(other.protects);
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
        Set<String> s = SortedArraySet.union(services, other.services, Integer.MAX_VALUE);
        Set<String> a = SortedArraySet.union(aiServices, other.aiServices, Integer.MAX_VALUE);
        Set<AiUsageCategory> c = SortedArraySet.union(aiCategories, other.aiCategories, Integer.MAX_VALUE);
        Optional<Instant> first = earliest(firstUsedAt, other.firstUsedAt);
        return new UsageContext(s, a, latest.lastUsedAt, latest.lastUsedBy, c, first, latest.lastOperation,
                protects.merge(other.protects));
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }
}
