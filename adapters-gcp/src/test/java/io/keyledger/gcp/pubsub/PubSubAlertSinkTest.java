package io.keyledger.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.json.Json;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.gcp.FakePubSub;
import io.keyledger.testkit.gcp.FakePubSubMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PubSubAlertSinkTest {

    static final String TOPIC = "projects/acme-security/topics/keyledger-alerts";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-26T08:00:00Z"));
    private final FakePubSub pubsub = FakePubSub.start(clock).createTopic(TOPIC);
    private final PubSubPublisher publisher = PubSubPublisher.create(pubsub.channels(), NoCredentialsProvider.create(),
            PubSubPublisherTest.FAST);
    private final PubSubAlertSink sink = new PubSubAlertSink(publisher, PubSubTopic.parse(TOPIC, "unused"));

    @AfterEach
    void close() {
        publisher.close();
        pubsub.close();
    }

    private static Alert alert() {
        Rule rule = Rule.values()[0];
        return Alert.open("acme", rule, Optional.of("gcp:projects/acme-payments/locations/europe-west1/keyRings/payments/cryptoKeys/card-data"),
                List.of("gcp:x9d2e0s7t1ry@2026-04-25T17:11:02.947166830Z"), "card-data was scheduled for destruction",
                "card-data", Instant.parse("2026-04-26T08:00:00Z"));
    }

    @Test
    void anAlertIsPublishedAsItsJsonWithAttributesToFilterOn() throws IOException {
        Alert alert = alert();

        sink.send(alert);

        FakePubSubMessage published = pubsub.messages(TOPIC).get(0);
        assertThat(published.text()).isEqualTo(Json.write(alert));
        assertThat(published.attributes()).containsEntry(PubSubAlertSink.TENANT, "acme")
                .containsEntry(PubSubAlertSink.SEVERITY, alert.severity().name())
                .containsEntry(PubSubAlertSink.RULE, alert.rule().id())
                .containsEntry(PubSubAlertSink.ALERT_ID, alert.id());
        assertThat(sink.name()).isEqualTo("pubsub:" + TOPIC);
    }

    @Test
    void aRefusalIsAnIoExceptionNamingTheSinkAndTheAlert() {
        pubsub.deny(TOPIC);
        Alert alert = alert();

        assertThatThrownBy(() -> sink.send(alert)).isInstanceOf(IOException.class)
                .hasMessage("pubsub:" + TOPIC + " refused alert " + alert.id() + ": PERMISSION_DENIED");
    }
}
