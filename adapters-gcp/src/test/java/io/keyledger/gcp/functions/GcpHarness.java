package io.keyledger.gcp.functions;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.gcp.pubsub.PubSubAlertSink;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import io.keyledger.gcp.pubsub.PubSubTopic;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.gcp.FakePubSub;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.UnreachableEvents;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The functions of one Google Cloud deployment, in-process: the real entry points on an in-memory store, the
 * fake Pub/Sub (the real client talking gRPC to it), fake key sources for two projects, and a loopback
 * issuer of Google ID tokens. Each entry point is built as the Functions Framework builds it, starting its
 * own Spring context and looking its function up in the catalog.
 */
final class GcpHarness implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-04-26T08:00:00Z");
    static final String PROJECT = "acme-security";
    static final String SWEEP_TOPIC = "projects/acme-security/topics/keyledger-sweep";
    static final String ALERT_TOPIC = "projects/acme-security/topics/keyledger-alerts";
    static final String CHECKPOINT_TOPIC = "projects/acme-security/topics/keyledger-checkpoints";
    static final String ADMIN_URL = "https://europe-west1-acme-security.cloudfunctions.net/keyledger-admin-api";
    static final String SWEEP_SUBSCRIPTION = "projects/acme-security/subscriptions/eventarc-europe-west1-keyledger-sweep";
    static final String ADMIN = "ann@acme.example";
    static final String AUDITOR = "audit@acme.example";
    static final SweepScope PAYMENTS = new SweepScope(Provider.GCP, "acme-payments", "europe-west1");
    static final SweepScope ANALYTICS = new SweepScope(Provider.GCP, "acme-analytics", "us");

    /** Fast retries: the client's backoff is real time. */
    static final RetrySettings FAST_RETRIES = RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(1))
            .setRetryDelayMultiplier(1.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(1))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .setTotalTimeoutDuration(Duration.ofSeconds(20))
            .setMaxAttempts(4)
            .build();

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryInventoryStore memory = new InMemoryInventoryStore(clock);
    final AtomicBoolean storeDown = new AtomicBoolean();
    final InventoryStore store = StoreParts.of(memory).withEvents(UnreachableEvents.whileDown(memory,
            storeDown::get, () -> new IllegalStateException("Firestore unavailable (injected)"))).compose();
    final FakePubSub pubsub = FakePubSub.start(clock).createTopic(SWEEP_TOPIC).createTopic(ALERT_TOPIC)
            .createTopic(CHECKPOINT_TOPIC);
    final PubSubPublisher publisher = PubSubPublisher.create(pubsub.channels(), NoCredentialsProvider.create(),
            FAST_RETRIES);
    final GoogleIssuer issuer = new GoogleIssuer();
    final FakeKeySource payments = new FakeKeySource(PAYMENTS, 2);
    final FakeKeySource analytics = new FakeKeySource(ANALYTICS, 2);
    final FixedSweepSources sources = new FixedSweepSources().add(payments).add(analytics);
    final ByteArrayOutputStream reportLines = new ByteArrayOutputStream();
    final DeliveryReports reports = new DeliveryReports(new PrintStream(reportLines, true, StandardCharsets.UTF_8));
    final GcpSettings settings;
    private final KeyLedgerGcpConfiguration.ResourcesOverride override;
    private final List<AutoCloseable> opened = new ArrayList<>();

    GcpHarness() {
        this(Map.of());
    }

    GcpHarness(Map<String, String> environment) {
        this(environment, signs -> LedgerSettings.NONE);
    }

    /** @param ledger the ledger's settings for a function that signs ({@code true}) or not */
    GcpHarness(Map<String, String> environment, Function<Boolean, LedgerSettings> ledger) {
        Map<String, String> env = new HashMap<>(Map.of(
                GcpSettings.PROJECT, PROJECT,
                GcpSettings.SWEEP_TOPIC, "keyledger-sweep",
                GcpSettings.ALERT_TOPIC, ALERT_TOPIC,
                GcpSettings.TENANTS, "{\"acme-payments\": \"acme\", \"acme-analytics\": \"acme\"}",
                GcpSettings.ADMIN_PRINCIPALS, "{\"" + ADMIN + "\": {\"acme\": [\"admin\"]}, \"" + AUDITOR
                        + "\": {\"acme\": [\"auditor\"]}}",
                GcpSettings.ADMIN_AUDIENCES, ADMIN_URL));
        env.putAll(environment);
        env.values().removeIf(String::isEmpty);
        settings = GcpSettings.fromEnvironment(env);
        List<AlertSink> sinks = List.of(new PubSubAlertSink(publisher, PubSubTopic.parse(ALERT_TOPIC, PROJECT)));
        GcpResources resources = GcpResources.of(settings, clock, store, publisher, sinks).withSweeps(sources)
                .withGoogleSigningKeys(issuer.signingKeys()).withLedger(ledger);
        override = KeyLedgerGcpConfiguration.overrideResources(() -> resources);
    }

    AuditLogEvents auditLogEvents() {
        return open(new AuditLogEvents(FunctionContext.<Function<InboundMessage, IngestOutcome>>start(
                KeyLedgerGcpConfiguration.INGEST, Function.class), reports));
    }

    AuditLogPush auditLogPush() {
        return open(new AuditLogPush(FunctionContext.<Function<InboundMessage, IngestOutcome>>start(
                KeyLedgerGcpConfiguration.INGEST, Function.class), reports));
    }

    SweepSchedule sweepSchedule() {
        return open(new SweepSchedule(FunctionContext.<Supplier<FanOutSummary>>start(
                KeyLedgerGcpConfiguration.SWEEP_FAN_OUT, Supplier.class)));
    }

    SweepMessages sweepMessages() {
        return open(new SweepMessages(FunctionContext.<Function<SweepRequest, ScopeSwept>>start(
                KeyLedgerGcpConfiguration.SWEEP_SCOPE, Function.class), reports));
    }

    CheckpointMessages checkpointMessages() {
        return open(new CheckpointMessages(FunctionContext.<Function<String, String>>start(
                KeyLedgerGcpConfiguration.SIGN_CHECKPOINTS, Function.class), reports));
    }

    AdminApiRequests adminApi() {
        return open(new AdminApiRequests(FunctionContext.<Function<HttpRequest, HttpResponse>>start(
                KeyLedgerGcpConfiguration.ADMIN_API, Function.class), Optional.of("keyledger-admin-api")));
    }

    <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** The lines the functions reported, as Cloud Logging would read them. */
    List<JsonNode> reported() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : reportLines.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(Json.mapper().readTree(line));
            }
        }
        return out;
    }

    /** An ID token Google would give {@code email} for the admin API's URL. */
    String idToken(String email) {
        return issuer.idToken(email, ADMIN_URL, clock.instant());
    }

    /** A request to the admin API through its cloudfunctions.net address. */
    FrameworkRequest adminRequest(String method, String pathAndQuery, String email) {
        return FrameworkRequest.of(method, ADMIN_URL + pathAndQuery).bearer(idToken(email))
                .header("X-Forwarded-For", "198.51.100.23, 169.254.1.1");
    }

    static ObservedKey googleKey(SweepScope scope, String ring, String name, String state) {
        KeyRef ref = new KeyRef(Provider.GCP, scope.account(), scope.location(), "projects/" + scope.account()
                + "/locations/" + scope.location() + "/keyRings/" + ring + "/cryptoKeys/" + name);
        return new ObservedKey(ref, Map.of("state", state, "nativeState", "ENABLED", "algorithm", "AES-256"),
                List.of(), Optional.empty());
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        override.close();
        publisher.close();
        pubsub.close();
        issuer.close();
    }
}
