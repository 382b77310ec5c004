package io.keyledger.gcp.pubsub;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PubsubMessage;
import io.keyledger.gcp.credentials.DeferredCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Publishes messages to Pub/Sub topics with the Google Cloud client's unary Publish call, and waits for
 * Pub/Sub's answer: a function's work must be done before it answers, after which Cloud Run may take its
 * CPU away, so the batching {@code Publisher} (which sends in the background) does not fit.
 *
 * <p>Messages go as few to a call as Pub/Sub allows ({@value #MAX_MESSAGES} messages, about
 * {@value #MAX_REQUEST_BYTES} bytes). The client retries what Pub/Sub says is passing (UNAVAILABLE,
 * ABORTED, RESOURCE_EXHAUSTED, ...) within {@link #RETRIES}; what still fails is a {@link PublishException}.
 * Building a publisher opens no connection and fetches no credentials: both happen on the first publish.
 */
public final class PubSubPublisher implements AutoCloseable {

    /** Pub/Sub's limit of messages per Publish call. */
    public static final int MAX_MESSAGES = 1000;

    /** Below Pub/Sub's 10 MB per Publish call, leaving room for the request's own framing. */
    public static final int MAX_REQUEST_BYTES = 9_000_000;

    /**
     * Within a function's time: 100 ms doubling to 5 s between tries, each try at most 10 s, 30 s in all
     * (the client's own default would wait up to ten minutes).
     */
    public static final RetrySettings RETRIES = RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(100))
            .setRetryDelayMultiplier(2.0)
            .setMaxRetryDelayDuration(Duration.ofSeconds(5))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .setTotalTimeoutDuration(Duration.ofSeconds(30))
            .build();

    private final TopicAdminClient client;

    private PubSubPublisher(TopicAdminClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The publisher of a Cloud Run function: Pub/Sub's endpoint, the function's service account through
     * Application Default Credentials (resolved on the first publish, see {@link DeferredCredentials}).
     */
    public static PubSubPublisher googleCloud() {
        return create(TopicAdminSettings.defaultTransportChannelProvider(),
                FixedCredentialsProvider.create(DeferredCredentials.applicationDefault(
                        TopicAdminSettings.getDefaultServiceScopes())), RETRIES);
    }

    /** A publisher over another transport (an in-process fake, an emulator) with other credentials and retries. */
    public static PubSubPublisher create(TransportChannelProvider channels, CredentialsProvider credentials,
                                         RetrySettings retries) {
        try {
            TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(credentials);
            ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> withRetries = call -> {
                call.setRetrySettings(retries);
                return null;
            };
            settings.applyToAllUnaryMethods(withRetries);
            return new PubSubPublisher(TopicAdminClient.create(settings.build()));
        } catch (IOException e) {
            throw new UncheckedIOException("the Pub/Sub client could not be built: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes the messages in order, in as few calls as the limits allow, and returns Pub/Sub's message ids
     * in the same order.
     *
     * @throws PublishException when Pub/Sub refuses a call after the retries; the calls before it were published
     */
    public List<String> publish(PubSubTopic topic, List<OutgoingMessage> messages) {
        Objects.requireNonNull(topic, "topic");
        List<String> ids = new ArrayList<>(messages.size());
        List<PubsubMessage> batch = new ArrayList<>();
        int bytes = 0;
        for (OutgoingMessage m : messages) {
            if (!batch.isEmpty() && (batch.size() == MAX_MESSAGES || bytes + m.size() > MAX_REQUEST_BYTES)) {
                ids.addAll(send(topic, batch, ids.size()));
                batch.clear();
                bytes = 0;
            }
            batch.add(PubsubMessage.newBuilder().setData(ByteString.copyFrom(m.data()))
                    .putAllAttributes(m.attributes()).build());
            bytes += m.size();
        }
        if (!batch.isEmpty()) {
            ids.addAll(send(topic, batch, ids.size()));
        }
        return ids;
    }

    private List<String> send(PubSubTopic topic, List<PubsubMessage> batch, int publishedBefore) {
        try {
            PublishResponse response = client.publish(PublishRequest.newBuilder().setTopic(topic.name())
                    .addAllMessages(batch).build());
            return response.getMessageIdsList();
        } catch (ApiException e) {
            String code = e.getStatusCode().getCode().name();
            throw new PublishException(topic, code, publishedBefore, description(e, code), e);
        }
    }

    /** Pub/Sub's own words, without the transport's exception name and the code repeated. */
    private static String description(ApiException e, String code) {
        String message = String.valueOf(e.getMessage());
        for (String prefix : new String[] {"io.grpc.StatusRuntimeException: " + code + ": ", code + ": "}) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    @Override
    public void close() {
        client.close();
    }
}
