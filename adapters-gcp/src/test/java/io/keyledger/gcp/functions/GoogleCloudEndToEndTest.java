package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.CryptoKeyVersionTemplate;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.protobuf.Timestamp;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.gcp.cloudkms.GcpClients;
import io.keyledger.gcp.cloudkms.GcpSweepOperation;
import io.keyledger.gcp.firestore.FirestoreRequestCounter;
import io.keyledger.gcp.firestore.FirestoreSettings;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.testkit.gcp.FakeCloudKms;
import io.keyledger.testkit.gcp.FakePubSub;
import io.keyledger.testkit.gcp.InProcessGoogleApis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Google Cloud deployment end to end, in-process: the entry points as the Functions Framework creates them
 * (their no-argument constructors), each on the production resources of {@link GoogleCloudResources} with only
 * the endpoints moved to loopback: the Firestore store on the Firestore emulator ({@code FIRESTORE_EMULATOR_HOST}),
 * the Cloud KMS key sources on the in-process Cloud KMS fake, Pub/Sub on the in-process fake, and Google's token
 * keys at a loopback issuer. An audit event goes into Firestore; the schedule fans the scopes out over Pub/Sub and
 * the workers sweep Cloud KMS into Firestore; the admin API reads the keys with a valid ID token and starts a sweep
 * that is swept and read back.
 */
class GoogleCloudEndToEndTest {

    private static final String PROJECT = "acme-security";
    private static final String PAYMENTS = "acme-payments";
    private static final String LOCATION = "europe-west1";
    private static final String SWEEP_TOPIC = "projects/acme-security/topics/keyledger-sweep";
    private static final String ALERT_TOPIC = "projects/acme-security/topics/keyledger-alerts";
    private static final String SUBSCRIPTION = "projects/acme-security/subscriptions/eventarc-europe-west1-keyledger-sweep";
    private static final String ADMIN_URL = "https://europe-west1-acme-security.cloudfunctions.net/keyledger-admin-api";
    /** The admin API's run.app address: K_SERVICE, which Cloud Run sets, is not set here to strip the function's name. */
    private static final String ADMIN_RUN_APP = "https://keyledger-admin-api-abc123-ew.a.run.app";
    private static final String SCHEDULER_URL = "https://keyledger-sweep-schedule-abc123-ew.a.run.app/";
    private static final String ADMIN = "ann@acme.example";
    private static final String AUDITOR = "audit@acme.example";
    private static final String RING = "projects/acme-payments/locations/europe-west1/keyRings/payments";

    private final MutableClock clock = MutableClock.at("2026-04-26T08:00:00Z");
    private final NodeEmulator emulator = NodeEmulator.firestore();
    private final InProcessGoogleApis apis = new InProcessGoogleApis();
    private final FakeCloudKms kms = new FakeCloudKms(clock).serveOn(apis);
    private final FakePubSub pubsub = FakePubSub.start(clock).createTopic(SWEEP_TOPIC).createTopic(ALERT_TOPIC);
    private final GoogleIssuer issuer = new GoogleIssuer();
    private final GcpSettings settings = GcpSettings.fromEnvironment(Map.of(
            GcpSettings.PROJECT, PROJECT,
            GcpSettings.FIRESTORE_DATABASE, "keyledger",
            GcpSettings.SWEEP_TOPIC, "keyledger-sweep",
            GcpSettings.ALERT_TOPIC, "keyledger-alerts",
            GcpSettings.PROJECTS, PAYMENTS,
            GcpSettings.TENANTS, "{\"acme-payments\": \"acme\"}",
            GcpSettings.ADMIN_PRINCIPALS, "{\"" + ADMIN + "\": {\"acme\": [\"admin\"]}, \"" + AUDITOR
                    + "\": {\"acme\": [\"auditor\"]}}",
            GcpSettings.ADMIN_AUDIENCES, ADMIN_URL,
            GcpSettings.FIRESTORE_EMULATOR_HOST, emulator.hostAndPort()));
    /** The resources each entry point's context built, in order. */
    private final List<GoogleCloudResources> built = new CopyOnWriteArrayList<>();
    private final KeyLedgerGcpConfiguration.ResourcesOverride override = KeyLedgerGcpConfiguration.overrideResources(() -> {
        GoogleCloudResources resources = GoogleCloudResources.builder(settings)
                .clock(clock)
                .sleeper(new FakeSleeper(clock))
                .random(new Random(5))
                .googleSigningKeys(issuer.signingKeys())
                .sweepClients(() -> GcpClients.over(apis.channel()))
                .publisher(() -> PubSubPublisher.create(pubsub.channels(), NoCredentialsProvider.create(),
                        GcpHarness.FAST_RETRIES))
                .build();
        built.add(resources);
        return resources;
    });
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Firestore reader = FirestoreSettings.of(PROJECT).withDatabase("keyledger")
            .withEmulatorHost(emulator.hostAndPort()).client();
    private final InventoryStore store = FirestoreSettings.of(PROJECT).store(reader, clock, new FirestoreRequestCounter());

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        override.close();
        reader.close();
        issuer.close();
        pubsub.close();
        apis.close();
        emulator.close();
    }

    private <T extends AutoCloseable> T open(T function) {
        opened.add(function);
        return function;
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    /** A software AES key in the payments key ring, its one version in {@code state}. */
    private void cloudKmsKey(String id, CryptoKeyVersionState state) {
        Instant created = Instant.parse("2026-01-12T09:14:03Z");
        kms.cryptoKey(RING, id, CryptoKey.newBuilder().setPurpose(CryptoKey.CryptoKeyPurpose.ENCRYPT_DECRYPT)
                        .setCreateTime(ts(created))
                        .setVersionTemplate(CryptoKeyVersionTemplate.newBuilder()
                                .setAlgorithm(CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION)
                                .setProtectionLevel(ProtectionLevel.SOFTWARE))
                        .build(),
                List.of(CryptoKeyVersion.newBuilder().setName("1").setState(state)
                        .setAlgorithm(CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION)
                        .setProtectionLevel(ProtectionLevel.SOFTWARE).setCreateTime(ts(created)).build()),
                Optional.of("1"));
    }

    private void paymentsInCloudKms() {
        kms.location(PAYMENTS, LOCATION);
        kms.keyRing(PAYMENTS, LOCATION, "payments");
        cloudKmsKey("card-data", CryptoKeyVersionState.DESTROY_SCHEDULED);
        cloudKmsKey("release-signer", CryptoKeyVersionState.ENABLED);
        cloudKmsKey("orphan", CryptoKeyVersionState.ENABLED);
    }

    private static String keyId(String name) {
        return "gcp:" + RING + "/cryptoKeys/" + name;
    }

    private Optional<CryptoAsset> key(String name) {
        return store.asset("acme", keyId(name)).map(v -> v.value());
    }

    private List<SweepReport> reports() {
        return store.sweepReports("acme", PageRequest.first(100)).items();
    }

    /** Each Cloud Audit Log entry of the file as the CloudEvent Eventarc delivers for it. */
    private static List<String> eventarcEvents(String resource) throws Exception {
        List<String> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GoogleCloudEndToEndTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode entry = Json.mapper().readTree(line);
                ObjectNode event = Json.mapper().createObjectNode();
                event.put("specversion", "1.0");
                event.put("id", entry.path("logName").asString() + "-" + entry.path("insertId").asString());
                event.put("source", "//cloudaudit.googleapis.com/projects/acme-payments/logs/activity");
                event.put("type", "google.cloud.audit.log.v1.written");
                event.put("time", entry.path("timestamp").asString());
                event.put("datacontenttype", "application/json; charset=utf-8");
                event.put("servicename", entry.path("protoPayload").path("serviceName").asString());
                event.put("methodname", entry.path("protoPayload").path("methodName").asString());
                event.set("data", entry);
                events.add(Json.write(event));
            }
        }
        return events;
    }

    private FrameworkResponse call(AdminApiRequests api, String method, String path, String email, String audience)
            throws Exception {
        FrameworkRequest request = FrameworkRequest.of(method, ADMIN_RUN_APP + path)
                .bearer(issuer.idToken(email, audience, clock.instant()));
        FrameworkResponse response = new FrameworkResponse();
        api.service(method.equals("POST") ? request.json("{}") : request, response);
        return response;
    }

    private void deliverSweepMessages(SweepMessages worker) {
        for (List<io.keyledger.testkit.gcp.FakePubSubMessage> messages = pubsub.take(SWEEP_TOPIC); !messages.isEmpty();
                messages = pubsub.take(SWEEP_TOPIC)) {
            messages.forEach(m -> worker.accept(CloudEvents.read(m.messagePublishedEvent(SUBSCRIPTION))));
        }
    }

    @Test
    void auditLogEventsThroughEventarcAreStoredInFirestoreAndARedeliveryChangesNothing() throws Exception {
        AuditLogEvents function = open(new AuditLogEvents());
        FirestoreRequestCounter requests = built.get(0).firestoreRequests();
        List<String> events = eventarcEvents("/gcp/logs/kms-audit.jsonl");

        FirestoreRequestCounter.Snapshot before = requests.snapshot();
        events.forEach(e -> function.accept(CloudEvents.read(e)));
        FirestoreRequestCounter.Snapshot ingest = requests.snapshot().minus(before);
        CryptoAsset cardData = key("card-data").orElseThrow();
        int history = store.eventsForKey("acme", keyId("card-data")).size();
        FirestoreRequestCounter.Snapshot mark = requests.snapshot();
        function.accept(CloudEvents.read(events.get(events.size() - 1)));
        FirestoreRequestCounter.Snapshot redelivery = requests.snapshot().minus(mark);

        assertThat(cardData.state()).as("rotated to version 2, version 1 destroyed").isEqualTo(LifecycleState.ACTIVE);
        assertThat(key("release-signer")).isPresent();
        assertThat(key("byok-ledger")).isPresent();
        assertThat(store.tenants()).containsExactly("acme");
        assertThat(key("card-data").orElseThrow()).isEqualTo(cardData);
        assertThat(store.eventsForKey("acme", keyId("card-data"))).hasSize(history);
        double perEvent = (double) ingest.totalRequests() / events.size();
        System.out.printf("Firestore requests through AuditLogEvents on the emulator: %d entries, %.2f requests, "
                        + "%.2f commits, %.2f reads, %.2f document writes per entry; a redelivery: %d requests, "
                        + "%d commits (%d refused)%n",
                events.size(), perEvent, (double) ingest.writeRequests() / events.size(),
                (double) ingest.readRequests() / events.size(), (double) ingest.documentWrites() / events.size(),
                redelivery.totalRequests(), redelivery.writeRequests(), redelivery.failures().getOrDefault("Commit", 0L));
        assertThat(perEvent).as("requests per ingested entry").isLessThan(12);
        assertThat(redelivery.failures().getOrDefault("Commit", 0L)).as("a redelivery's every commit is a refused create")
                .isEqualTo(redelivery.writeRequests());
    }

    @Test
    void theScheduleFansOutOverPubSubAndTheWorkersSweepCloudKmsIntoFirestore() throws Exception {
        paymentsInCloudKms();
        SweepSchedule schedule = open(new SweepSchedule());
        SweepMessages worker = open(new SweepMessages());

        FrameworkResponse fanOut = new FrameworkResponse();
        schedule.service(FrameworkRequest.of("POST", SCHEDULER_URL).header("User-Agent", "Google-Cloud-Scheduler"),
                fanOut);
        List<io.keyledger.testkit.gcp.FakePubSubMessage> messages = pubsub.messages(SWEEP_TOPIC);
        deliverSweepMessages(worker);

        assertThat(fanOut.status()).isEqualTo(200);
        assertThat(fanOut.json().path("scopes").asInt()).as("acme-payments in its one location").isEqualTo(1);
        assertThat(messages).singleElement().satisfies(m -> assertThat(SweepRequest.fromJson(m.text()))
                .isEqualTo(new SweepRequest("scheduled-20260426T080000Z", PAYMENTS, LOCATION, Optional.of("acme"),
                        Optional.empty())));
        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.partial()).isFalse();
            assertThat(r.counts()).containsEntry(KeyClass.UNTRACKED, 3L);
        });
        assertThat(key("card-data").orElseThrow().state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(key("orphan").orElseThrow().state()).isEqualTo(LifecycleState.ACTIVE);
        Set<String> declared = java.util.Arrays.stream(GcpSweepOperation.values()).map(GcpSweepOperation::methodName)
                .collect(Collectors.toSet());
        assertThat(apis.calledMethods()).as("every call the fan-out and the worker sent is declared")
                .isSubsetOf(declared).contains("ListLocations", "ListKeyRings", "ListCryptoKeys", "ListCryptoKeyVersions");
    }

    @Test
    void theAdminApiReadsTheKeysWithAGoogleIdTokenAndASweepItStartsIsSweptAndReadBack() throws Exception {
        paymentsInCloudKms();
        open(new AuditLogEvents()).accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));
        AdminApiRequests api = open(new AdminApiRequests());

        FrameworkResponse keys = call(api, "GET", "/keys", AUDITOR, ADMIN_URL);
        FrameworkResponse otherAudience = call(api, "GET", "/keys", AUDITOR, "https://example.com/other");
        FrameworkResponse started = call(api, "POST", "/sweeps", ADMIN, ADMIN_URL);
        String sweepId = started.json().path("sweepId").asString();
        deliverSweepMessages(open(new SweepMessages()));
        FrameworkResponse read = call(api, "GET", "/sweeps/" + sweepId, AUDITOR, ADMIN_URL);

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("items").get(0).path("id").asString()).isEqualTo(keyId("card-data"));
        assertThat(otherAudience.status()).isEqualTo(401);
        assertThat(started.status()).isEqualTo(202);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("reports").size()).isEqualTo(1);
        assertThat(read.json().path("reports").toString()).contains(PAYMENTS);
        assertThat(call(api, "GET", "/keys?limit=10", AUDITOR, ADMIN_URL).json().path("items").size())
                .as("card-data from its event, the others untracked until the sweep").isEqualTo(3);
    }

    @Test
    void closingAnEntryPointClosesTheClientsItsResourcesBuilt() {
        AuditLogEvents function = open(new AuditLogEvents());
        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));
        InventoryStore itsStore = built.get(0).store();

        function.close();

        assertThatThrownBy(() -> itsStore.asset("acme", keyId("card-data")))
                .as("the Firestore client of the closed instance")
                .hasStackTraceContaining("Firestore client has already been closed");
        assertThat(key("card-data")).as("what it wrote stays").isPresent();
    }

    @Test
    void startingTheEntryPointsMakesNoCall() {
        paymentsInCloudKms();

        open(new AuditLogEvents());
        open(new SweepSchedule());
        open(new SweepMessages());
        open(new AdminApiRequests());

        assertThat(built).hasSize(4);
        assertThat(built).allSatisfy(r -> assertThat(r.firestoreRequests().snapshot().totalRequests()).isZero());
        assertThat(apis.calls()).as("Cloud KMS, Resource Manager").isEmpty();
        assertThat(pubsub.publishCalls()).isZero();
        assertThat(issuer.jwksRequests).as("Google's keys").hasValue(0);
    }
}
