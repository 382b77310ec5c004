package io.keyledger.testkit.store;

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
import java.util.function.LongSupplier;

/**
 * Key records whose inventory of one tenant is {@code keys} generated records, made up page by page as
 * they are asked for (nothing is held); every other call goes to the store underneath. It records the
 * size of each page asked for, and how much output a report had written when it asked for the last page.
 */
public final class SyntheticKeyRecords implements KeyRecordStore {

    private static final Instant T0 = Instant.parse("2026-01-15T09:00:00Z");
    private static final String[] ALGORITHMS = {"AES-256", "RSA-2048", "EC-P256", "HMAC-SHA256", "ML-DSA-65",
            "RSA-3072"};

    private final InventoryStore delegate;
    private final String tenant;
    private final int keys;
    private final LongSupplier written;
    private final List<Integer> limits = new ArrayList<>();
    private long writtenAtLastPage = -1;
    private long writtenAtFirstPage = -1;

    /** Records whose reader's output is not watched. */
    public SyntheticKeyRecords(InventoryStore delegate, String tenant, int keys) {
        this(delegate, tenant, keys, () -> 0);
    }

    /** @param written how many bytes the report under test has written so far */
    public SyntheticKeyRecords(InventoryStore delegate, String tenant, int keys, LongSupplier written) {
        this.delegate = delegate;
        this.tenant = tenant;
        this.keys = keys;
        this.written = written;
    }

    /** The store underneath with these key records in place of its own. */
    public InventoryStore store() {
        return StoreParts.of(delegate).withKeys(this).compose();
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
    public synchronized Page<CryptoAsset> assets(String t, AssetQuery query, PageRequest page) {
        if (!t.equals(tenant)) {
            return delegate.assets(t, query, page);
        }
        limits.add(page.limit());
        int from = page.cursor().map(Integer::parseInt).orElse(0);
        int to = Math.min(keys, from + page.limit());
        if (from == 0) {
            writtenAtFirstPage = written.getAsLong();
        }
        if (to == keys) {
            writtenAtLastPage = written.getAsLong();
        }
        List<CryptoAsset> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            CryptoAsset a = key(tenant, i);
            if (query.matches(a)) {
                items.add(a);
            }
        }
        return new Page<>(items, to < keys ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    /** How many keys the tenant's inventory holds. */
    public int keys() {
        return keys;
    }

    /** The page sizes asked for, in order. */
    public synchronized List<Integer> pageLimits() {
        return List.copyOf(limits);
    }

    /** Bytes written when the last page was asked for; -1 if it never was. */
    public synchronized long writtenAtLastPage() {
        return writtenAtLastPage;
    }

    /** Bytes written when the first page was asked for. */
    public synchronized long writtenAtFirstPage() {
        return writtenAtFirstPage;
    }

    /** The {@code i}th generated key: the three providers in turn, a mix of algorithms, states and owners. */
    public static CryptoAsset key(String tenant, int i) {
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
                .responsibility(new Responsibility(i % 13 == 0 ? ResponsibilityParty.PROVIDER : ResponsibilityParty.CUSTOMER,
                        Optional.of("customer-managed")))
                .build();
    }
}
