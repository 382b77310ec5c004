package io.keyledger.gcp.functions;

import static io.keyledger.gcp.functions.GcpHarness.ANALYTICS;
import static io.keyledger.gcp.functions.GcpHarness.PAYMENTS;
import static io.keyledger.gcp.functions.GcpHarness.SWEEP_SUBSCRIPTION;
import static io.keyledger.gcp.functions.GcpHarness.SWEEP_TOPIC;
import static io.keyledger.gcp.functions.GcpHarness.googleKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.gcp.pubsub.OutgoingMessage;
import io.keyledger.gcp.pubsub.PubSubTopic;
import io.keyledger.gcp.pubsub.PublishException;
import io.keyledger.testkit.gcp.FakePubSubMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cloud Scheduler's request fans the scopes out over Pub/Sub; the workers sweep each message's scope. */
class SweepFunctionsTest {

    private static final String SCHEDULER_URL = "https://keyledger-sweep-schedule-abc123-ew.a.run.app/";

    private final GcpHarness gcp = new GcpHarness();

    @AfterEach
    void close() throws Exception {
        gcp.close();
    }

    private void threeKeysInPaymentsOneInAnalytics() {
        gcp.payments.add(googleKey(PAYMENTS, "payments", "card-data", "ACTIVE"))
                .add(googleKey(PAYMENTS, "payments", "release-signer", "ACTIVE"))
                .add(googleKey(PAYMENTS, "signing", "firmware", "ACTIVE"));
        gcp.analytics.add(googleKey(ANALYTICS, "analytics", "embeddings", "ACTIVE"));
    }

    private FrameworkResponse schedule() throws Exception {
        FrameworkResponse response = new FrameworkResponse();
        gcp.sweepSchedule().service(FrameworkRequest.of("POST", SCHEDULER_URL)
                .header("User-Agent", "Google-Cloud-Scheduler"), response);
        return response;
    }

    private void deliver(SweepMessages worker, List<FakePubSubMessage> messages) {
        messages.forEach(m -> worker.accept(CloudEvents.read(m.messagePublishedEvent(SWEEP_SUBSCRIPTION))));
    }

    private List<SweepReport> reports() {
        return gcp.memory.sweepReports("acme", PageRequest.first(100)).items();
    }

    @Test
    void theScheduleFansOutOneMessagePerScopeNamingItsTenant() throws Exception {
        FrameworkResponse response = schedule();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("sweepId").asString()).isEqualTo("scheduled-20260426T080000Z");
        assertThat(response.json().path("scopes").asInt()).isEqualTo(2);
        assertThat(response.json().path("published").asInt()).isEqualTo(2);
        List<FakePubSubMessage> messages = gcp.pubsub.messages(SWEEP_TOPIC);
        assertThat(messages).extracting(m -> SweepRequest.fromJson(m.text()))
                .containsExactly(
                        new SweepRequest("scheduled-20260426T080000Z", "acme-payments", "europe-west1", Optional.of("acme"), Optional.empty()),
                        new SweepRequest("scheduled-20260426T080000Z", "acme-analytics", "us", Optional.of("acme"), Optional.empty()));
        assertThat(messages.get(0).attributes()).containsEntry("project", "acme-payments")
                .containsEntry("location", "europe-west1").containsEntry("sweepId", "scheduled-20260426T080000Z");
    }

    @Test
    void eachMessageIsSweptIntoTheStoreAndARedeliveryChangesNothing() throws Exception {
        threeKeysInPaymentsOneInAnalytics();
        schedule();
        SweepMessages worker = gcp.sweepMessages();
        List<FakePubSubMessage> messages = gcp.pubsub.take(SWEEP_TOPIC);

        deliver(worker, messages);

        assertThat(reports()).hasSize(2).allSatisfy(r -> assertThat(r.partial()).isFalse());
        assertThat(reports()).extracting(r -> r.counts().getOrDefault(KeyClass.UNTRACKED, 0L)).containsExactlyInAnyOrder(3L, 1L);
        int events = gcp.memory.eventsForKey("acme", googleKey(PAYMENTS, "payments", "card-data", "ACTIVE").ref().id()).size();

        deliver(worker, messages.subList(0, 1));

        assertThat(gcp.memory.eventsForKey("acme", googleKey(PAYMENTS, "payments", "card-data", "ACTIVE").ref().id()))
                .hasSize(events);
        assertThat(gcp.pubsub.messages(SWEEP_TOPIC)).as("no follow-up: the scopes were swept whole").isEmpty();
        assertThat(gcp.reported()).isEmpty();
    }

    @Test
    void aScopeCutShortPublishesItsRestAndTheFollowUpFinishesIt() throws Exception {
        threeKeysInPaymentsOneInAnalytics();
        gcp.payments.failAfterPages(1);
        schedule();
        SweepMessages worker = gcp.sweepMessages();
        FakePubSubMessage payments = gcp.pubsub.take(SWEEP_TOPIC).get(0);

        deliver(worker, List.of(payments));

        List<FakePubSubMessage> followUps = gcp.pubsub.take(SWEEP_TOPIC);
        assertThat(followUps).singleElement().satisfies(f -> assertThat(SweepRequest.fromJson(f.text()))
                .isEqualTo(SweepRequest.fromJson(payments.text()).resumeAt("2")));
        assertThat(reports()).singleElement().satisfies(r -> assertThat(r.partial()).isTrue());

        gcp.payments.failAfterPages(-1);
        deliver(worker, followUps);

        assertThat(gcp.pubsub.messages(SWEEP_TOPIC)).as("the rest was listed to its end").isEmpty();
        assertThat(reports()).as("the scope's report, now of the rest").singleElement().satisfies(r -> {
            assertThat(r.partialReason()).hasValueSatisfying(why -> assertThat(why).contains("resumed from cursor 2"));
            assertThat(r.keys()).extracting(k -> k.keyId()).containsExactly(
                    googleKey(PAYMENTS, "signing", "firmware", "ACTIVE").ref().id());
        });
        assertThat(gcp.memory.tenants()).containsExactly("acme");
        assertThat(List.of("card-data", "release-signer")).allSatisfy(name -> assertThat(gcp.memory.eventsForKey("acme",
                googleKey(PAYMENTS, "payments", name, "ACTIVE").ref().id())).as(name + ", from the first run").isNotEmpty());
    }

    @Test
    void aFollowUpPubSubRefusesFailsTheMessageForItToComeAgain() throws Exception {
        threeKeysInPaymentsOneInAnalytics();
        gcp.payments.failAfterPages(1);
        schedule();
        SweepMessages worker = gcp.sweepMessages();
        FakePubSubMessage payments = gcp.pubsub.take(SWEEP_TOPIC).get(0);
        gcp.pubsub.deny(SWEEP_TOPIC);

        assertThatThrownBy(() -> deliver(worker, List.of(payments)))
                .isInstanceOf(PublishException.class).hasMessageContaining("PERMISSION_DENIED");
        assertThat(gcp.reported()).isEmpty();
    }

    @Test
    void aMessageNamingAnotherTenantIsAcknowledgedAndReported() {
        SweepMessages worker = gcp.sweepMessages();
        SweepRequest wrong = new SweepRequest("api-1", "acme-payments", "europe-west1", Optional.of("globex"), Optional.empty());
        gcp.publisher.publish(PubSubTopic.parse(SWEEP_TOPIC, "unused"), List.of(OutgoingMessage.text(wrong.toJson(), Map.of())));

        deliver(worker, gcp.pubsub.take(SWEEP_TOPIC));

        assertThat(reports()).isEmpty();
        assertThat(gcp.reported()).singleElement().satisfies(r -> {
            assertThat(r.path("keyledger").path("function").asString()).isEqualTo("sweepScope");
            assertThat(r.path("keyledger").path("problems").get(0).asString())
                    .contains("names tenant 'globex'").contains("belongs to tenant 'acme'");
        });
    }

    @Test
    void aMessageThatIsNotASweepRequestIsAcknowledgedAndReported() {
        SweepMessages worker = gcp.sweepMessages();
        gcp.publisher.publish(PubSubTopic.parse(SWEEP_TOPIC, "unused"), List.of(OutgoingMessage.text(
                "{\"type\": \"keyledger.sweep.scope\", \"sweepId\": \"s1\", \"project\": \"Not_A_Project\", \"location\": \"us\"}",
                Map.of())));

        deliver(worker, gcp.pubsub.take(SWEEP_TOPIC));

        assertThat(gcp.reported()).singleElement().satisfies(r ->
                assertThat(r.path("keyledger").path("problems").get(0).asString()).contains("field 'project'"));
    }

    @Test
    void aStoreFailureFailsTheMessageForItToComeAgain() throws Exception {
        threeKeysInPaymentsOneInAnalytics();
        schedule();
        SweepMessages worker = gcp.sweepMessages();
        List<FakePubSubMessage> messages = gcp.pubsub.take(SWEEP_TOPIC);
        gcp.storeDown.set(true);

        assertThatThrownBy(() -> deliver(worker, messages.subList(0, 1))).isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(SweepRequestRefused.class);
        gcp.storeDown.set(false);
        deliver(worker, messages.subList(0, 1));

        assertThat(reports()).isNotEmpty();
    }

    @Test
    void unreachableProjectsAreReportedAndTheOthersSwept() throws Exception {
        gcp.sources.unreachable("acme-legacy", "PERMISSION_DENIED: resourcemanager.projects.get");

        FrameworkResponse response = schedule();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("unreachableProjects").path("acme-legacy").asString()).contains("PERMISSION_DENIED");
        assertThat(gcp.pubsub.messages(SWEEP_TOPIC)).hasSize(2);
    }

    @Test
    void whenNothingCanBePublishedTheSchedulerIsAnswered500() throws Exception {
        gcp.pubsub.deny(SWEEP_TOPIC);

        FrameworkResponse response = schedule();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("title").asString()).isEqualTo("Sweep not started");
        assertThat(response.json().path("detail").asString()).contains("PERMISSION_DENIED").contains("nothing published");
    }

    @Test
    void onlyPostStartsASweep() throws Exception {
        FrameworkResponse response = new FrameworkResponse();
        gcp.sweepSchedule().service(FrameworkRequest.of("GET", SCHEDULER_URL), response);

        assertThat(response.status()).isEqualTo(405);
        assertThat(gcp.pubsub.publishCalls()).isZero();
    }
}
