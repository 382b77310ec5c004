package io.keyledger.testkit.gcp;

import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pub/Sub's Publisher service in-process, for the real Google Cloud client to talk gRPC to: topics that
 * must exist, Pub/Sub's documented limits on a Publish call (at most 1000 messages and 10 MB; each message
 * with data or attributes; at most 100 attributes, keys of at most 256 bytes not starting with
 * {@code goog}, values of at most 1024 bytes), increasing numeric message ids and publish times from an
 * injected clock. Failures can be injected: the next calls answered with a status (UNAVAILABLE makes the
 * client retry), a topic the caller may not publish to.
 *
 * <p>Only Publish is served: KeyLedger publishes and never administers topics. Thread-safe.
 */
public final class FakePubSub implements AutoCloseable {

    /** Pub/Sub's limits on one Publish call. */
    public static final int MAX_MESSAGES = 1000;
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    public static final int MAX_ATTRIBUTES = 100;
    public static final int MAX_ATTRIBUTE_KEY_BYTES = 256;
    public static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Clock clock;
    private final Server server;
    private final ManagedChannel channel;
    private final Map<String, List<FakePubSubMessage>> topics = new LinkedHashMap<>();
    private final Set<String> denied = new HashSet<>();
    private final Deque<Status> failures = new ArrayDeque<>();
    private final AtomicLong nextId = new AtomicLong(4_000_000_000_000L);
    private final AtomicInteger publishCalls = new AtomicInteger();

    private FakePubSub(Clock clock) {
        this.clock = clock;
        String name = "fake-pubsub-" + SERVERS.incrementAndGet();
        try {
            server = InProcessServerBuilder.forName(name).directExecutor().addService(new Publisher()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** A fake with no topic, its publish times from {@code clock}. */
    public static FakePubSub start(Clock clock) {
        return new FakePubSub(clock);
    }

    /** The transport for the client: {@code TopicAdminSettings.newBuilder().setTransportChannelProvider(...)}. */
    public TransportChannelProvider channels() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    /** Creates a topic ({@code projects/<project>/topics/<topic>}); publishing to any other is NOT_FOUND. */
    public synchronized FakePubSub createTopic(String topic) {
        topics.putIfAbsent(topic, new ArrayList<>());
        return this;
    }

    /** Publishing to {@code topic} is PERMISSION_DENIED from now on (the caller lacks pubsub.topics.publish). */
    public synchronized FakePubSub deny(String topic) {
        denied.add(topic);
        return this;
    }

    /**
     * The next {@code times} Publish calls (after those {@link #passNext} lets through) fail with {@code code},
     * before anything is checked or kept.
     */
    public synchronized FakePubSub failNext(Status.Code code, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(code.toStatus().withDescription("injected by the fake"));
        }
        return this;
    }

    /** The next {@code calls} Publish calls are served as usual, before the failures queued after this. */
    public synchronized FakePubSub passNext(int calls) {
        for (int i = 0; i < calls; i++) {
            failures.add(Status.OK);
        }
        return this;
    }

    /** Every message the topic holds, in publish order. */
    public synchronized List<FakePubSubMessage> messages(String topic) {
        List<FakePubSubMessage> held = topics.get(topic);
        if (held == null) {
            throw new IllegalArgumentException("no topic " + topic);
        }
        return List.copyOf(held);
    }

    /** Every message the topic holds, removed from it: what a subscriber pulls. */
    public synchronized List<FakePubSubMessage> take(String topic) {
        List<FakePubSubMessage> out = messages(topic);
        topics.get(topic).clear();
        return out;
    }

    /** How many Publish calls reached the fake, failed ones included. */
    public int publishCalls() {
        return publishCalls.get();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized PublishResponse publish(PublishRequest request) {
        publishCalls.incrementAndGet();
        Status injected = failures.poll();
        if (injected != null && !injected.isOk()) {
            throw injected.asRuntimeException();
        }
        String topic = request.getTopic();
        if (!topics.containsKey(topic)) {
            throw Status.NOT_FOUND.withDescription("Resource not found (resource=" + lastSegment(topic) + ").")
                    .asRuntimeException();
        }
        if (denied.contains(topic)) {
            throw Status.PERMISSION_DENIED.withDescription("User not authorized to perform this action.")
                    .asRuntimeException();
        }
        check(request);
        PublishResponse.Builder response = PublishResponse.newBuilder();
        for (PubsubMessage m : request.getMessagesList()) {
            String id = Long.toString(nextId.incrementAndGet());
            topics.get(topic).add(new FakePubSubMessage(topic, id, m.getData().toByteArray(), m.getAttributesMap(),
                    clock.instant()));
            response.addMessageIds(id);
        }
        return response.build();
    }

    private static void check(PublishRequest request) {
        if (request.getMessagesCount() == 0) {
            throw invalid("At least one message must be provided.");
        }
        if (request.getMessagesCount() > MAX_MESSAGES) {
            throw invalid("The value for message_count is too large. You passed " + request.getMessagesCount()
                    + " in the request, but the maximum value is " + MAX_MESSAGES + ".");
        }
        if (request.getSerializedSize() > MAX_REQUEST_BYTES) {
            throw invalid("Request payload size exceeds the limit: " + MAX_REQUEST_BYTES + " bytes.");
        }
        for (PubsubMessage m : request.getMessagesList()) {
            if (m.getData().isEmpty() && m.getAttributesCount() == 0) {
                throw invalid("Some messages are empty: a message needs data or at least one attribute.");
            }
            if (m.getAttributesCount() > MAX_ATTRIBUTES) {
                throw invalid("A message has " + m.getAttributesCount() + " attributes; the maximum is " + MAX_ATTRIBUTES + ".");
            }
            for (Map.Entry<String, String> a : m.getAttributesMap().entrySet()) {
                if (a.getKey().isEmpty() || a.getKey().getBytes(StandardCharsets.UTF_8).length > MAX_ATTRIBUTE_KEY_BYTES
                        || a.getKey().startsWith("goog")) {
                    throw invalid("Invalid attribute key '" + a.getKey() + "'.");
                }
                if (a.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_ATTRIBUTE_VALUE_BYTES) {
                    throw invalid("The value of attribute '" + a.getKey() + "' is longer than "
                            + MAX_ATTRIBUTE_VALUE_BYTES + " bytes.");
                }
            }
        }
    }

    private static RuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The gRPC service, answering from the fake's state. */
    private final class Publisher extends PublisherGrpc.PublisherImplBase {
        @Override
        public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
            PublishResponse answer;
            try {
                answer = FakePubSub.this.publish(request);
            } catch (RuntimeException e) {
                response.onError(e);
                return;
            }
            response.onNext(answer);
            response.onCompleted();
        }
    }
}
