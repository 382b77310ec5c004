package io.keyledger.functions.api;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.auth.AuthenticationException;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.functions.feed.FeedPoint;
import io.keyledger.functions.feed.Partner;
import io.keyledger.functions.feed.Partners;
import io.keyledger.functions.feed.SignedFeed;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.report.ReportService;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.alert.RecordingSink;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.InMemoryPartnerKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An admin API over an in-memory inventory of two tenants, with fakes for what the platform supplies.
 *
 * <p>Tenant acme holds an AWS, a Google and an Azure key, an open alert, a sweep and a legal hold on
 * its Azure key; tenant beta holds one AWS key, an open alert, a sweep and a tenant-wide legal hold.
 * Callers are named by the header {@value #PRINCIPAL_HEADER}.
 */
final class ApiHarness {

    /** The CloudHSM key store each tenant's AWS key is in. */
    static final String KEY_STORE = "cks-1234567890abcdef0";

    /** The id of the key store holding {@code key}. */
    static String keyStoreOf(io.keyledger.core.key.KeyRef key) {
        return "aws:" + key.accountScope() + ":" + key.location() + ":" + KEY_STORE;
    }

    static final String PRINCIPAL_HEADER = "X-Test-Principal";
    static final String ACME = "acme";
    static final String BETA = "beta";

    static final KeyRef ACME_AWS = Fixtures.awsKey("111122223333", "1234abcd-12ab-34cd-56ef-1234567890ab");
    static final KeyRef ACME_GCP = Fixtures.gcpKey("acme-project", "payments");
    static final KeyRef ACME_AZURE = Fixtures.azureKey("acme-subscription", "orders");
    static final KeyRef BETA_AWS = Fixtures.awsKey("444455556666", "beta0000-0000-0000-0000-000000000000");

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    final List<Alert> sent = new ArrayList<>();
    /** What the API runs on: alerts to {@link #sent}. */
    final CoreServices services;
    /** What the harness sets the scene with: the tenants' accounts, and no anomaly detection. */
    private final CoreServices scenery;
    final AlertService alerts;
    final FakeReports reports = new FakeReports();
    final FakeSweepLauncher sweeps = new FakeSweepLauncher();
    final Map<String, Principal> principals = new ConcurrentHashMap<>();
    final AtomicInteger eventIds = new AtomicInteger();
    /** Acme's principal mapping: an IAM role as admin, an email as auditor. */
    static final RoleGrants GRANTS = tenant -> tenant.equals(ACME) ? List.of(
            new RoleGrant("IAM arn:aws:iam::111122223333:role/KeyAdmin", Role.ADMIN, RoleGrant.Source.PRINCIPAL_MAPPING,
                    Optional.empty()),
            new RoleGrant("email audit@acme.example", Role.AUDITOR, RoleGrant.Source.PRINCIPAL_MAPPING, Optional.empty()))
            : List.of();
    /** The installation's signing key, which its feeds are signed with. */
    final Signer signer = MemorySigner.create();
    /** The key of northwind, a downstream partner of acme and beta. */
    final Signer partnerSigner = MemorySigner.create();
    final InMemoryPartnerKeys partnerKeys = new InMemoryPartnerKeys();
    final CoordinationFeeds feeds;
    final AdminApi api;

    final String acmeAlert;
    final String betaAlert;

    ApiHarness() {
        AlertSink recording = new RecordingSink(sent);
        services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withAlertSinks(List.of(recording)));
        scenery = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(new TenantMapping(Map.of(
                "aws:111122223333", ACME, "gcp:acme-project", ACME, "azure:acme-subscription", ACME,
                "aws:444455556666", BETA), "default")).withoutAnomalyDetection());
        alerts = services.alerts();
        feeds = new CoordinationFeeds(store, clock, ReportService.of(services), Optional.of(signer),
                Partners.of(List.of(new Partner("northwind", Partner.Relation.DOWNSTREAM, partnerSigner.publicKey(),
                        Set.of(ACME, BETA), "Northwind Bank key custodians"))), Optional.of(partnerKeys),
                services.retention(), CheckpointRequests.NONE);
        api = new AdminApi(services, authenticator(), reports, sweeps, () -> "api-test-" + eventIds.incrementAndGet(),
                GRANTS, Optional.of(feeds));
        seed();
        acmeAlert = raise(ACME, ACME_AWS, "acme-condition");
        betaAlert = raise(BETA, BETA_AWS, "beta-condition");
        principals.put("acme-viewer", Principal.of("acme-viewer", ACME, Role.VIEWER));
        principals.put("acme-auditor", Principal.of("acme-auditor", ACME, Role.AUDITOR));
        principals.put("acme-custodian", Principal.of("acme-custodian", ACME, Role.CUSTODIAN));
        principals.put("acme-admin", Principal.of("acme-admin", ACME, Role.ADMIN));
        principals.put("beta-admin", Principal.of("beta-admin", BETA, Role.ADMIN));
        principals.put("gamma-admin", Principal.of("gamma-admin", "gamma", Role.ADMIN));
        principals.put("both-admin", new Principal("both-admin", Map.of(ACME, Set.of(Role.ADMIN),
                BETA, Set.of(Role.VIEWER))));
        principals.put("nobody", new Principal("nobody", Map.of()));
    }

    private Authenticator authenticator() {
        return request -> {
            String name = request.header(PRINCIPAL_HEADER)
                    .orElseThrow(() -> new AuthenticationException("no bearer token"));
            Principal p = principals.get(name);
            if (p == null) {
                throw new AuthenticationException("the token is not valid");
            }
            return p;
        };
    }

    private void seed() {
        Instant t = T0.minus(Duration.ofDays(30));
        scenery.inventory().apply(List.of(
                Fixtures.event("e-aws-1", t, Action.CREATE, ACME_AWS, Map.of("algorithm", "AES-256",
                        "owner", "team-payments", "tag.env", "prod", "responsibility.party", "CUSTOMER",
                        "customKeyStore", KEY_STORE, "protection", "HSM")),
                Fixtures.event("e-gcp-1", t.plusSeconds(60), Action.CREATE, ACME_GCP, Map.of("algorithm", "EC-P256",
                        "usage.aiService", "aiplatform.googleapis.com")),
                Fixtures.event("e-az-1", t.plusSeconds(120), Action.CREATE, ACME_AZURE, Map.of("algorithm", "RSA-3072",
                        "owner", "team-orders")),
                Fixtures.event("e-az-2", t.plusSeconds(180), Action.DISABLE, ACME_AZURE),
                Fixtures.event("e-beta-1", t, Action.CREATE, BETA_AWS, Map.of("algorithm", "AES-256",
                        "owner", "team-payments", "customKeyStore", KEY_STORE, "protection", "HSM"))));
        store.putSweepReport(sweep("sweep-acme-1", ACME, ACME_AWS));
        store.putSweepReport(sweep("sweep-beta-1", BETA, BETA_AWS));
        RetentionService retention = scenery.retention();
        retention.placeHold(ACME, Optional.of(ACME_AZURE.id()), "matter 2026-1", "legal@acme");
        retention.placeHold(BETA, Optional.empty(), "matter 2026-2", "legal@beta");
    }

    private SweepReport sweep(String id, String tenant, KeyRef key) {
        return new SweepReport(id, tenant, new SweepScope(Provider.AWS, key.accountScope(), key.location()),
                T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofMinutes(59)), Optional.empty(),
                List.of(new SweptKey(key.id(), KeyClass.CONFIRMED, false, List.of())), 0, 2, 1);
    }

    String raise(String tenant, KeyRef key, String condition) {
        Alert alert = Alert.open(tenant, Rule.PREMATURE_DESTRUCTION, Optional.of(key.id()), List.of(),
                "destruction scheduled for a key in use", condition, clock.instant());
        alerts.record(List.of(alert));
        return alert.id();
    }

    /** Applies audit events to a tenant's inventory, as the ingest does. */
    void apply(String tenant, KeyEvent... events) {
        scenery.inventory().apply(tenant, List.of(events));
    }

    /** A feed northwind signed, of its own inventory (one key), as the envelope {@code POST /imports} takes. */
    String partnerFeedEnvelope() {
        return feedEnvelope(partnerSigner);
    }

    /** Northwind's feed as {@code key} would sign it: a stranger's key, when it is not northwind's. */
    String feedEnvelope(Signer key) {
        MutableClock partnerClock = new MutableClock(clock.instant().minusSeconds(60));
        InMemoryInventoryStore partnerStore = new InMemoryInventoryStore(partnerClock);
        CoreServices partner = Fixtures.services(partnerStore, partnerClock, "northwind");
        partner.inventory().apply("northwind", List.of(Fixtures.event("nw-1", partnerClock.instant(), Action.CREATE,
                Fixtures.awsKey("999988887777", "nw-card-data"), Map.of("algorithm", "AES-256", "nativeState", "Enabled"))));
        try {
            SignedFeed feed = new CoordinationFeeds(partnerStore, partnerClock, ReportService.of(partner),
                    Optional.of(key), Partners.NONE, Optional.empty(), partner.retention(),
                    CheckpointRequests.NONE).export("northwind", FeedPoint.START, Optional.empty(), "nw-admin");
            return Json.write(feed.envelope());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Answer call(Req request) {
        return Answer.of(api.apply(request.build()));
    }

    /** A request as {@code principal}. */
    static Req as(String principal, String method, String path) {
        return new Req(method, path).header(PRINCIPAL_HEADER, principal);
    }

    static HttpRequest plain(String method, String path) {
        return new Req(method, path).build();
    }
}
