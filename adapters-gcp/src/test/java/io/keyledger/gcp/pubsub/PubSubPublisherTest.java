package io.keyledger.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import io.grpc.Status;
import io.keyledger.gcp.credentials.DeferredCredentials;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.gcp.FakePubSub;
import io.keyledger.testkit.gcp.FakePubSubMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Google Cloud client, publishing to the fake Publisher service over in-process gRPC. */
class PubSubPublisherTest {

    static final String TOPIC = "projects/acme-security/topics/keyledger-sweep";
    static final RetrySettings FAST = RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(1)).setRetryDelayMultiplier(1.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(1)).setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .setTotalTimeoutDuration(Duration.ofSeconds(20)).setMaxAttempts(4).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-26T08:00:00Z"));
    private final FakePubSub pubsub = FakePubSub.start(clock).createTopic(TOPIC);
    private final PubSubPublisher publisher = PubSubPublisher.create(pubsub.channels(), NoCredentialsProvider.create(), FAST);
    private final PubSubTopic topic = PubSubTopic.parse(TOPIC, "unused");

    @AfterEach
    void close() {
        publisher.close();
        pubsub.close();
    }

    private static OutgoingMessage message(int i) {
        return OutgoingMessage.text("{\"n\": " + i + "}", Map.of("n", Integer.toString(i)));
    }

    @Test
    void messagesArePublishedWithTheirAttributesAndPubSubsIds() {
        List<String> ids = publisher.publish(topic, List.of(message(1), message(2)));

        List<FakePubSubMessage> held = pubsub.messages(TOPIC);
        assertThat(held).extracting(FakePubSubMessage::messageId).containsExactlyElementsOf(ids);
        assertThat(held).extracting(FakePubSubMessage::text).containsExactly("{\"n\": 1}", "{\"n\": 2}");
        assertThat(held.get(1).attributes()).containsExactly(Map.entry("n", "2"));
        assertThat(held.get(0).publishTime()).isEqualTo(clock.instant());
    }

    @Test
    void moreMessagesThanOneCallTakesGoInSeveralCallsInOrder() {
        List<OutgoingMessage> many = IntStream.range(0, PubSubPublisher.MAX_MESSAGES + 1).mapToObj(PubSubPublisherTest::message).toList();

        List<String> ids = publisher.publish(topic, many);

        assertThat(ids).hasSize(PubSubPublisher.MAX_MESSAGES + 1).doesNotHaveDuplicates();
        assertThat(pubsub.publishCalls()).isEqualTo(2);
        assertThat(pubsub.messages(TOPIC).get(PubSubPublisher.MAX_MESSAGES).text()).isEqualTo("{\"n\": 1000}");
    }

    @Test
    void messagesBeyondTheRequestSizeGoInAnotherCall() {
        byte[] big = new byte[PubSubPublisher.MAX_REQUEST_BYTES / 2 + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        OutgoingMessage half = new OutgoingMessage(big, Map.of());

        publisher.publish(topic, List.of(half, half));

        assertThat(pubsub.publishCalls()).isEqualTo(2);
        assertThat(pubsub.messages(TOPIC)).hasSize(2);
    }

    @Test
    void unavailableIsRetriedByTheClient() {
        pubsub.failNext(Status.Code.UNAVAILABLE, 2);

        List<String> ids = publisher.publish(topic, List.of(message(1)));

        assertThat(ids).hasSize(1);
        assertThat(pubsub.publishCalls()).isEqualTo(3);
    }

    @Test
    void anUnknownTopicIsNotFoundNamingTheTopic() {
        PubSubTopic missing = new PubSubTopic("acme-security", "no-such-topic");

        assertThatThrownBy(() -> publisher.publish(missing, List.of(message(1))))
                .isInstanceOf(PublishException.class)
                .hasMessage("Pub/Sub topic projects/acme-security/topics/no-such-topic refused messages: NOT_FOUND: "
                        + "Resource not found (resource=no-such-topic).")
                .satisfies(e -> assertThat(((PublishException) e).code()).isEqualTo("NOT_FOUND"));
        assertThat(pubsub.publishCalls()).as("NOT_FOUND is not retried").isEqualTo(1);
    }

    @Test
    void aRefusalAfterAFirstCallSaysHowManyWerePublished() {
        List<OutgoingMessage> many = IntStream.range(0, PubSubPublisher.MAX_MESSAGES + 1).mapToObj(PubSubPublisherTest::message).toList();
        pubsub.passNext(1).failNext(Status.Code.PERMISSION_DENIED, 1);

        assertThatThrownBy(() -> publisher.publish(topic, many)).isInstanceOf(PublishException.class)
                .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("(1000 published before)")
                .satisfies(e -> assertThat(((PublishException) e).published()).isEqualTo(PubSubPublisher.MAX_MESSAGES));
        assertThat(pubsub.messages(TOPIC)).hasSize(PubSubPublisher.MAX_MESSAGES);
    }

    @Test
    void buildingThePublisherLooksNoCredentialsUp() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DeferredCredentials deferred = new DeferredCredentials(() -> {
            lookups.incrementAndGet();
            return new NoCredentials();
        });

        try (PubSubPublisher built = PubSubPublisher.create(pubsub.channels(), FixedCredentialsProvider.create(deferred), FAST)) {
            assertThat(lookups).as("at build time").hasValue(0);
            assertThat(deferred.resolved()).isFalse();

            built.publish(topic, List.of(message(1)));

            assertThat(lookups).as("on the first publish, once").hasValue(1);
            built.publish(topic, List.of(message(2)));
            assertThat(lookups).hasValue(1);
        }
        assertThat(deferred.toString()).doesNotContain("token");
    }

    /** Credentials without metadata, as an emulator takes. */
    private static final class NoCredentials extends Credentials {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAuthenticationType() {
            return "none";
        }

        @Override
        public Map<String, List<String>> getRequestMetadata(URI uri) throws IOException {
            return Map.of();
        }

        @Override
        public boolean hasRequestMetadata() {
            return false;
        }

        @Override
        public boolean hasRequestMetadataOnly() {
            return false;
        }

        @Override
        public void refresh() {
        }
    }
}
