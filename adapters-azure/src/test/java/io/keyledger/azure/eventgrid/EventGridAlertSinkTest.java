package io.keyledger.azure.eventgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.models.CloudEvent;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.json.Json;
import io.keyledger.testkit.azure.FakeEventGridTopic;
import io.keyledger.testkit.azure.PlainLoopbackTransport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Alerts published by the real Event Grid publisher client to a loopback fake of the custom topic. */
class EventGridAlertSinkTest {

    private static final String KEY = "fake-topic-access-key";

    private FakeEventGridTopic topic;

    @BeforeEach
    void start() {
        topic = new FakeEventGridTopic(KEY);
    }

    @AfterEach
    void stop() {
        topic.close();
    }

    private EventGridAlertSink sink(String key) {
        EventGridPublisherClient<CloudEvent> client = new EventGridPublisherClientBuilder().endpoint(topic.endpoint())
                .credential(new AzureKeyCredential(key))
                .httpClient(new PlainLoopbackTransport())
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(2)
                        .setBaseDelay(Duration.ofMillis(1)).setMaxDelay(Duration.ofMillis(5))))
                .buildCloudEventPublisherClient();
        return new EventGridAlertSink(client, "keyledger-alerts.westeurope-1.eventgrid.azure.net");
    }

    private static Alert alert() {
        return Alert.open("acme", Rule.values()[0], Optional.of("azure:6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b:contoso-kv:k"),
                List.of(), "key disabled by a principal who is not a custodian", "cond-1",
                Instant.parse("2026-11-28T02:00:00Z"));
    }

    @Test
    void eachAlertIsOneCloudEventWhoseDataIsTheAlertAndWhoseAttributesFilter() throws IOException {
        Alert alert = alert();

        sink(KEY).send(alert);

        assertThat(topic.published()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).startsWith("application/cloudevents-batch+json");
            assertThat(p.keyAuthenticated()).isTrue();
            assertThat(p.apiVersion()).isNotEmpty();
        });
        JsonNode event = topic.events().get(0);
        assertThat(event.path("id").asString()).isEqualTo(alert.id());
        assertThat(event.path("type").asString()).isEqualTo(EventGridAlertSink.TYPE);
        assertThat(event.path("source").asString()).isEqualTo("/keyledger/tenants/acme");
        assertThat(event.path("subject").asString()).startsWith(alert.rule().id() + "/azure:");
        assertThat(event.path("time").asString()).startsWith("2026-11-28T02:00");
        assertThat(event.path(EventGridAlertSink.SEVERITY).asString()).isEqualTo(alert.severity().name().toLowerCase());
        assertThat(event.path(EventGridAlertSink.TENANT).asString()).isEqualTo("acme");
        assertThat(event.path("data")).isEqualTo(Json.mapper().readTree(Json.write(alert)));
    }

    @Test
    void aTopicThatIsBrieflyUnavailableIsRetriedByTheClient() throws IOException {
        topic.failNext(2, 503);

        sink(KEY).send(alert());

        assertThat(topic.requests()).isEqualTo(3);
        assertThat(topic.events()).hasSize(1);
    }

    @Test
    void aRefusedPublishIsThrownForTheDispatcherToCountNamingTheTopicAndTheStatus() {
        assertThatThrownBy(() -> sink("wrong-key").send(alert()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("eventgrid:keyledger-alerts")
                .hasMessageContaining("HTTP 401");
        assertThat(topic.events()).isEmpty();
    }
}
