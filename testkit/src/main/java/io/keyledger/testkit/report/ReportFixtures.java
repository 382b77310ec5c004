package io.keyledger.testkit.report;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Actor;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's inventory built the way production builds it: real key events of the three providers
 * applied through {@link InventoryService} into an {@link InMemoryInventoryStore} (so histories and the
 * ledger are real), and sweeps run by the {@link Reconciler} over fake key sources. The clock follows
 * the events, so arrival times are realistic, and ends at {@link #NOW}.
 */
public final class ReportFixtures {

    public static final String TENANT = "acme";
    public static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    public static final String AZURE_SUBSCRIPTION = "6f1b3c5e-2d4a-4b8e-9c0f-1a2b3c4d5e6f";
    public static final String GCP_PROJECT = "acme-prod";

    public static final KeyRef AWS_PAYMENTS = Fixtures.awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");
    public static final KeyRef AWS_SIGNING = Fixtures.awsKey("0987dcba-09fe-87dc-65ba-ab0987654321");
    public static final KeyRef AWS_MANAGED_S3 = Fixtures.awsKey("5a5a5a5a-1111-2222-3333-444455556666");
    public static final KeyRef AWS_RETIRED_HMAC = Fixtures.awsKey("7b7b7b7b-aaaa-bbbb-cccc-ddddeeeeffff");
    public static final KeyRef AZURE_TENANT_CMK = Fixtures.azureKey(AZURE_SUBSCRIPTION, "tenant-cmk");
    public static final KeyRef AZURE_LEGACY_EC = Fixtures.azureKey(AZURE_SUBSCRIPTION, "legacy-ec");
    public static final KeyRef GCP_VERTEX = Fixtures.gcpKey(GCP_PROJECT, "vertex-logs");
    public static final KeyRef GCP_PQ_SIGNING = Fixtures.gcpKey(GCP_PROJECT, "pq-signing");

    public final MutableClock clock = new MutableClock(NOW);
    public final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    public final CoreServices services;
    public final InventoryService service;
    private int nextId = 1;

    public ReportFixtures() {
        this(InventoryPolicies.DEFAULT);
    }

    /** Fixtures whose keys get their owner and responsible party under {@code policies}. */
    public ReportFixtures(InventoryPolicies policies) {
        services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(TenantResolver.single(TENANT))
                .withoutAnomalyDetection().withInventoryPolicies(policies));
        service = services.inventory();
    }

    /** The standard tenant: eight keys across AWS, Azure and Google Cloud, with histories and one sweep per provider. */
    public static ReportFixtures standard() {
        return standard(InventoryPolicies.DEFAULT);
    }

    /** The standard tenant, its keys' owners and responsible parties derived under {@code policies}. */
    public static ReportFixtures standard(InventoryPolicies policies) {
        ReportFixtures f = new ReportFixtures(policies);
        f.awsKeys();
        f.azureKeys();
        f.gcpKeys();
        f.sweepAll(NOW.minus(Duration.ofDays(1)));
        f.clock.set(NOW);
        return f;
    }

    private void awsKeys() {
        create(AWS_PAYMENTS, at("2025-02-01T10:00:00Z"), attrs("kind", "SYMMETRIC", "algorithm", "AES-256",
                "nativeSpec", "SYMMETRIC_DEFAULT", "keyUsage", "ENCRYPT_DECRYPT", "protection", "HSM", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "Enabled", "owner", "payments-team", "alias.add", "alias/payments",
                "description", "Card data, \"PCI\" scope\nsecond line", "tag.CostCenter", "=HYPERLINK(\"http://x\")",
                "usage.service", "s3.amazonaws.com", "responsibility.party", "CUSTOMER", "responsibility.mode",
                "customer-managed", "classification", "confidential", "jurisdiction", "EU",
                "rotation.enabled", "true", "rotation.period", "P365D"));
        apply(event(AWS_PAYMENTS, at("2026-01-20T10:00:00Z"), Action.ROTATE, attrs()));
        create(AWS_SIGNING, at("2024-06-01T08:00:00Z"), attrs("kind", "ASYMMETRIC", "algorithm", "RSA-2048",
                "nativeSpec", "RSA_2048", "keyUsage", "SIGN_VERIFY", "protection", "HSM", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "Enabled", "owner", "release-eng", "usage.service", "codesigning",
                "responsibility.party", "CUSTOMER"));
        create(AWS_MANAGED_S3, at("2023-05-05T05:00:00Z"), attrs("kind", "SYMMETRIC", "algorithm", "AES-256",
                "nativeSpec", "SYMMETRIC_DEFAULT", "keyUsage", "ENCRYPT_DECRYPT", "protection", "HSM", "origin", "GENERATED",
                "manager", "PROVIDER", "nativeState", "Enabled", "alias.add", "aws/s3", "owner", "platform",
                "usage.service", "s3.amazonaws.com", "responsibility.party", "PROVIDER"));
        create(AWS_RETIRED_HMAC, at("2025-03-01T12:00:00Z"), attrs("kind", "HMAC", "algorithm", "HMAC-SHA256",
                "nativeSpec", "HMAC_256", "keyUsage", "GENERATE_VERIFY_MAC", "protection", "HSM", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "Enabled", "owner", "api-team", "usage.service", "apigateway",
                "responsibility.party", "CUSTOMER"));
        // A refused attempt, then the real disable with a change ticket, the schedule, and the destruction.
        apply(refused(AWS_RETIRED_HMAC, at("2026-02-02T09:00:00Z"), Action.DISABLE));
        apply(event(AWS_RETIRED_HMAC, at("2026-02-03T09:00:00Z"), Action.DISABLE,
                attrs("nativeState", "Disabled", "changeReference", "CHG-1042")));
        apply(event(AWS_RETIRED_HMAC, at("2026-02-03T09:05:00Z"), Action.SCHEDULE_DESTRUCTION,
                attrs("nativeState", "PendingDeletion", "destructionScheduledAt", "2026-02-10T09:05:00Z",
                        "changeReference", "CHG-1042")));
        apply(event(AWS_RETIRED_HMAC, at("2026-02-10T09:05:00Z"), Action.DESTROY, attrs()));
    }

    private void azureKeys() {
        create(AZURE_TENANT_CMK, at("2025-12-01T14:00:00Z"), attrs("kind", "ASYMMETRIC", "algorithm", "RSA-3072",
                "nativeSpec", "RSA-HSM", "keyUsage", "WRAP_UNWRAP", "protection", "HSM", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "enabled", "owner", "tenant-platform",
                "tag.keyledger-ai-usage", "inference-logs", "usage.service", "Microsoft.CognitiveServices",
                "usage.aiService", "Microsoft.CognitiveServices", "responsibility.party", "SHARED",
                "responsibility.mode", "BYOK"));
        create(AZURE_LEGACY_EC, at("2024-11-01T14:00:00Z"), attrs("kind", "ASYMMETRIC", "algorithm", "EC-P256",
                "nativeSpec", "EC P-256", "keyUsage", "SIGN_VERIFY", "protection", "SOFTWARE", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "enabled", "owner", "legacy-apps", "usage.service", "webapp",
                "responsibility.party", "CUSTOMER"));
        apply(event(AZURE_LEGACY_EC, at("2026-02-20T16:00:00Z"), Action.DISABLE, attrs("nativeState", "disabled")));
    }

    private void gcpKeys() {
        create(GCP_VERTEX, at("2024-06-01T07:00:00Z"), attrs("kind", "SYMMETRIC", "algorithm", "AES-256",
                "nativeSpec", "GOOGLE_SYMMETRIC_ENCRYPTION", "keyUsage", "ENCRYPT_DECRYPT", "protection", "SOFTWARE",
                "origin", "GENERATED", "manager", "CUSTOMER", "nativeState", "ENABLED", "owner", "ml-platform",
                "usage.service", "aiplatform.googleapis.com", "usage.aiService", "aiplatform.googleapis.com",
                "usage.aiCategory", "INFERENCE_LOGS", "responsibility.party", "CUSTOMER", "rotation.enabled", "true",
                "rotation.period", "P90D"));
        apply(event(GCP_VERTEX, at("2025-12-15T07:00:00Z"), Action.ROTATE, attrs()));
        create(GCP_PQ_SIGNING, at("2026-01-05T11:00:00Z"), attrs("kind", "ASYMMETRIC", "algorithm", "ML-DSA-65",
                "nativeSpec", "PQ_SIGN_ML_DSA_65", "keyUsage", "SIGN_VERIFY", "protection", "HSM", "origin", "GENERATED",
                "manager", "CUSTOMER", "nativeState", "ENABLED", "owner", "release-eng", "usage.service", "binauthz",
                "responsibility.party", "CUSTOMER"));
    }

    /** Sweeps each provider's scope with what the cloud holds: the inventory's live keys, as they are. */
    public void sweepAll(Instant at) {
        for (SweepScope scope : SCOPES) {
            sweep(scope, "sweep-" + at.toString().substring(0, 10), at, List.of());
        }
    }

    public static final List<SweepScope> SCOPES = List.of(new SweepScope(Provider.AWS, "111122223333", "us-east-1"),
            new SweepScope(Provider.AZURE, AZURE_SUBSCRIPTION, "contoso-vault"),
            new SweepScope(Provider.GCP, GCP_PROJECT, "europe-west1"));

    /** A sweep of one scope whose cloud also holds {@code extra} keys the inventory never saw. */
    public SweepReport sweep(SweepScope scope, String sweepId, Instant at, List<ObservedKey> extra) {
        clock.set(at);
        FakeKeySource source = new FakeKeySource(scope, 100);
        store.assets(TENANT, AssetQuery.ALL.withProvider(scope.provider()),
                PageRequest.first(100)).items().stream()
                .filter(a -> !a.state().isDestroyed())
                .filter(a -> a.ref().accountScope().equals(scope.account()) && a.ref().location().equals(scope.location()))
                .forEach(a -> source.add(observed(a)));
        extra.forEach(source::add);
        return services.reconciler().sweep(TENANT, sweepId, source);
    }

    /** What a provider's describe call says of a key the inventory holds correctly. */
    public static ObservedKey observed(CryptoAsset a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("state", a.state().name());
        m.put("nativeState", a.nativeState());
        m.put("algorithm", a.algorithm());
        m.put("kind", a.kind().name());
        a.nativeSpec().ifPresent(s -> m.put("nativeSpec", s));
        return new ObservedKey(a.ref(), m, a.versions(), Optional.empty());
    }

    public BatchResult create(KeyRef key, Instant at, Map<String, String> attributes) {
        return apply(event(key, at, Action.CREATE, attributes));
    }

    /** Applies events at their event time, as a live ingest would receive them (a few seconds later). */
    public BatchResult apply(KeyEvent... events) {
        clock.set(events[0].eventTime().plusSeconds(5));
        BatchResult r = service.apply(List.of(events));
        if (!r.allAccepted()) {
            throw new IllegalStateException("fixture event rejected: " + r.rejected());
        }
        return r;
    }

    public KeyEvent event(KeyRef key, Instant at, Action action, Map<String, String> attributes) {
        String id = "evt-" + (nextId++);
        return new KeyEvent(id, at, action, key, Optional.empty(), actor(key.provider()), Outcome.SUCCESS, attributes,
                new SourcePointer(channel(key.provider()), "2026/02/" + id + ".json.gz", operation(key.provider(), action)));
    }

    public KeyEvent refused(KeyRef key, Instant at, Action action) {
        String id = "evt-" + (nextId++);
        return new KeyEvent(id, at, action, key, Optional.empty(),
                new Actor("arn:aws:iam::111122223333:user/mallory", ActorType.USER, Optional.of("203.0.113.66"),
                        Optional.of("curl/8.5"), Optional.empty()),
                Outcome.failure("AccessDeniedException", "not authorized"), Map.of(),
                new SourcePointer(channel(key.provider()), "2026/02/" + id + ".json.gz", operation(key.provider(), action)));
    }

    private static Actor actor(Provider p) {
        return switch (p) {
            case AWS -> new Actor("arn:aws:iam::111122223333:role/KeyAdmin", ActorType.ROLE, Optional.of("198.51.100.7"),
                    Optional.of("aws-cli/2.15.0 Python/3.11"), Optional.empty());
            case AZURE -> new Actor("admin@contoso.example", ActorType.USER, Optional.of("192.0.2.44"),
                    Optional.of("Mozilla/5.0 (Windows NT 10.0)"), Optional.empty());
            case GCP -> new Actor("kms-admin@acme-prod.iam.gserviceaccount.com", ActorType.SERVICE,
                    Optional.of("2001:db8::17"), Optional.of("google-cloud-sdk gcloud/470.0.0"), Optional.empty());
        };
    }

    private static String channel(Provider p) {
        return switch (p) {
            case AWS -> "cloudtrail";
            case AZURE -> "azure-audit";
            case GCP -> "gcp-audit";
        };
    }

    private static String operation(Provider p, Action a) {
        return switch (p) {
            case AWS -> switch (a) {
                case CREATE -> "CreateKey";
                case DISABLE -> "DisableKey";
                case SCHEDULE_DESTRUCTION -> "ScheduleKeyDeletion";
                case DESTROY -> "DeleteKey";
                case ROTATE -> "RotateKey";
                default -> a.name();
            };
            case AZURE -> switch (a) {
                case CREATE -> "KeyCreate";
                case DISABLE -> "KeyUpdate";
                default -> a.name();
            };
            case GCP -> switch (a) {
                case CREATE -> "CreateCryptoKey";
                case ROTATE -> "CreateCryptoKeyVersion";
                default -> a.name();
            };
        };
    }

    public static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** Attributes from name, value pairs, in order. */
    public static Map<String, String> attrs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
