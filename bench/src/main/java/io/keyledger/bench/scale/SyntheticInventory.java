package io.keyledger.bench.scale;

import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.key.RotationPolicy;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store whose one tenant holds {@code keys} generated key records, made up page by page as a report
 * asks for them and never held; every other call goes to the store underneath. So a report's memory is
 * its own, not the inventory's. Only the key records are its own ({@link StoreParts}).
 */
final class SyntheticInventory implements KeyRecordStore {

    private static final Instant T0 = Instant.parse("2026-01-15T09:00:00Z");
    private static final String[] ALGORITHMS = {"AES-256", "RSA-2048", "EC-P256", "HMAC-SHA256", "ML-DSA-65",
            "RSA-3072"};

    private final KeyRecordStore delegate;
    private final String tenant;
    private final int keys;
    private final AtomicLong pages;

    private SyntheticInventory(KeyRecordStore delegate, String tenant, int keys, AtomicLong pages) {
        this.delegate = delegate;
        this.tenant = tenant;
        this.keys = keys;
        this.pages = pages;
    }

    /** @param pages counts the pages asked for */
    static InventoryStore over(InventoryStore delegate, String tenant, int keys, AtomicLong pages) {
        return StoreParts.of(delegate).withKeys(new SyntheticInventory(delegate, tenant, keys, pages)).compose();
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String t, String keyId) {
        return delegate.asset(t, keyId);
    }

    @Override
    public long putAsset(String t, CryptoAsset asset, long expectedRevision) {
        return delegate.putAsset(t, asset, expectedRevision);
    }

    @Override
    public Page<CryptoAsset> assets(String t, AssetQuery query, PageRequest page) {
        if (!tenant.equals(t)) {
            return delegate.assets(t, query, page);
        }
        pages.incrementAndGet();
        return page(tenant, keys, query, page);
    }

    private static Page<CryptoAsset> page(String tenant, int keys, AssetQuery query, PageRequest page) {
        int from = page.cursor().map(Integer::parseInt).orElse(0);
        int to = Math.min(keys, from + page.limit());
        List<CryptoAsset> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            CryptoAsset a = key(tenant, i);
            if (query.matches(a)) {
                items.add(a);
            }
        }
        return new Page<>(items, to < keys ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    /** The {@code i}th key: the three providers in turn, six algorithms, a few states, owners and AI keys. */
    static CryptoAsset key(String tenant, int i) {
        Provider provider = Provider.values()[i % 3];
        String n = String.format("%012d", i);
        KeyRef ref = switch (provider) {
            case AWS -> new KeyRef(Provider.AWS, "111122223333", "us-east-1",
                    "arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-0000-4000-8000-" + n);
            case AZURE -> new KeyRef(Provider.AZURE, "6f1b3c5e-0000-4000-8000-000000000001", "contoso-vault",
                    "https://contoso-vault.vault.azure.net/keys/key-" + n);
            case GCP -> new KeyRef(Provider.GCP, "acme-prod", "europe-west1",
                    "projects/acme-prod/locations/europe-west1/keyRings/ring/cryptoKeys/key-" + n);
        };
        String algorithm = ALGORITHMS[i % ALGORITHMS.length];
        KeyKind kind = algorithm.startsWith("AES") ? KeyKind.SYMMETRIC
                : algorithm.startsWith("HMAC") ? KeyKind.HMAC : KeyKind.ASYMMETRIC;
        KeyUsage usage = switch (kind) {
            case SYMMETRIC -> KeyUsage.ENCRYPT_DECRYPT;
            case HMAC -> KeyUsage.GENERATE_VERIFY_MAC;
            default -> KeyUsage.SIGN_VERIFY;
        };
        LifecycleState state = i % 17 == 0 ? LifecycleState.SUSPENDED : i % 29 == 0 ? LifecycleState.DESTROYED
                : LifecycleState.ACTIVE;
        Instant created = T0.minus(Duration.ofDays(i % 900));
        boolean ai = i % 11 == 0;
        UsageContext usageContext = new UsageContext(Set.of(ai ? "bedrock.amazonaws.com" : "s3.amazonaws.com"),
                ai ? Set.of("bedrock.amazonaws.com") : Set.of(), Optional.of(T0.minusSeconds(i % 86_400)),
                Optional.of("arn:aws:iam::111122223333:role/app"),
                ai ? Set.of(AiUsageCategory.INFERENCE_LOGS) : Set.of());
        return CryptoAsset.newKey(ref, tenant, created, "evt-" + i).kind(kind).algorithm(algorithm)
                .nativeSpec(Optional.of(algorithm.replace('-', '_'))).keyUsage(usage)
                .protection(i % 2 == 0 ? ProtectionLevel.HSM : ProtectionLevel.SOFTWARE).origin(KeyOrigin.GENERATED)
                .manager(i % 13 == 0 ? KeyManager.PROVIDER : KeyManager.CUSTOMER).state(state)
                .nativeState(state == LifecycleState.ACTIVE ? "Enabled" : state.name())
                .dates(KeyDates.NONE.withCreatedAt(Optional.of(created)).withActivatedAt(Optional.of(created))
                        .withDestroyedAt(state.isDestroyed() ? Optional.of(T0) : Optional.empty()))
                .rotation(kind == KeyKind.SYMMETRIC ? new RotationPolicy(true, Optional.of(Duration.ofDays(365)))
                        : RotationPolicy.NONE)
                .aliases(Set.of("alias/app-" + (i % 1000)))
                .tags(Map.of("env", i % 2 == 0 ? "prod" : "test", "cost-center", "cc-" + (i % 100)))
                .owner(Optional.of("team-" + (i % 50))).usageContext(usageContext)
                .responsibility(new Responsibility(i % 13 == 0 ? ResponsibilityParty.PROVIDER
                        : ResponsibilityParty.CUSTOMER, Optional.of("customer-managed")))
                .build();
    }
}
