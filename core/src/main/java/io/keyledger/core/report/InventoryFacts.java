package io.keyledger.core.report;

import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts over a tenant's whole inventory, gathered in one paged pass. */
final class InventoryFacts {

    long keys;
    long liveKeys;
    long withOwner;
    long withInferredOwner;
    long stateUnknown;
    long withProtectedResources;
    long policyLockoutRisk;
    long withExternalPrincipals;
    final Map<String, Long> byOwnerBasis = new TreeMap<>();
    final Map<String, Long> byResponsibilityRule = new TreeMap<>();
    long algorithmKnown;
    long kindKnown;
    long withUsageContext;
    long partiallyObserved;
    long responsibilityKnown;
    long responsibilityMode;
    long providerManaged;
    long destroyedRetained;
    long aiKeys;
    long aiKeysWithOwner;
    final Map<String, Long> byProvider = new TreeMap<>();
    final Map<String, Long> byState = new TreeMap<>();
    final Map<String, Map<String, Long>> byProviderAndState = new TreeMap<>();
    final Map<String, Long> byKind = new TreeMap<>();
    final Map<String, Long> byManager = new TreeMap<>();
    final Map<String, Long> byResponsibility = new TreeMap<>();
    final Map<String, Long> aiByCategory = new TreeMap<>();
    final Map<String, Long> aiByService = new TreeMap<>();
    final Map<RotationCheck.Status, Long> rotation = new EnumMap<>(RotationCheck.Status.class);
    long notRotatablePastCryptoperiod;
    /** Sweep scopes (provider:account:location) that hold keys not destroyed: what sweeps must cover. */
    final Set<String> liveScopes = new HashSet<>();

    static InventoryFacts gather(InventoryStore store, String tenant, AnomalyPolicy.Rotation rotationRule,
                                 Instant now) {
        InventoryFacts f = new InventoryFacts();
        for (RotationCheck.Status s : RotationCheck.Status.values()) {
            f.rotation.put(s, 0L);
        }
        try {
            AssetPages.forEachPage(store, tenant, AssetQuery.ALL, page -> page.forEach(k -> f.add(k, rotationRule, now)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the action writes nothing
        }
        return f;
    }

    private void add(CryptoAsset k, AnomalyPolicy.Rotation rotationRule, Instant now) {
        keys++;
        count(byProvider, k.provider().code());
        count(byState, k.state().name());
        count(byProviderAndState.computeIfAbsent(k.provider().code(), p -> new TreeMap<>()), k.state().name());
        count(byKind, k.kind().name());
        count(byManager, k.manager().name());
        count(byResponsibility, k.responsibility().party().name());
        if (!k.state().isDestroyed()) {
            liveKeys++;
            liveScopes.add(k.provider().code() + ":" + k.ref().accountScope() + ":" + k.ref().location());
        } else {
            destroyedRetained++;
        }
        if (k.owner().isPresent()) {
            withOwner++;
            if (k.ownership().inferred()) {
                withInferredOwner++;
            }
        }
        count(byOwnerBasis, k.ownership().basis().name());
        count(byResponsibilityRule, k.responsibility().overridden() ? "override"
                : k.responsibility().rule().orElse("none"));
        if (!k.state().isKnown()) {
            stateUnknown++;
        }
        if (!k.usageContext().protects().isEmpty()) {
            withProtectedResources++;
        }
        if (k.access().policyLockoutRisk().orElse(false)) {
            policyLockoutRisk++;
        }
        if (!k.access().externalPrincipals().isEmpty()) {
            withExternalPrincipals++;
        }
        if (!"UNKNOWN".equalsIgnoreCase(k.algorithm())) {
            algorithmKnown++;
        }
        if (k.kind() != KeyKind.UNKNOWN) {
            kindKnown++;
        }
        if (!k.usageContext().services().isEmpty() || k.usageContext().aiUsage()) {
            withUsageContext++;
        }
        if (k.partiallyObserved()) {
            partiallyObserved++;
        }
        if (k.responsibility().party() != ResponsibilityParty.UNKNOWN) {
            responsibilityKnown++;
        }
        if (k.responsibility().mode().isPresent()) {
            responsibilityMode++;
        }
        if (k.manager() == KeyManager.PROVIDER) {
            providerManaged++;
        }
        if (k.usageContext().aiUsage()) {
            aiKeys++;
            if (k.owner().isPresent()) {
                aiKeysWithOwner++;
            }
            k.usageContext().aiCategories().forEach(c -> count(aiByCategory, c.name()));
            k.usageContext().aiServices().forEach(s -> count(aiByService, s));
        }
        RotationCheck check = RotationCheck.of(k, rotationRule, now);
        rotation.merge(check.status(), 1L, Long::sum);
        if (check.status() == RotationCheck.Status.NOT_ROTATABLE && check.pastCryptoperiod()) {
            notRotatablePastCryptoperiod++;
        }
    }

    private static void count(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
