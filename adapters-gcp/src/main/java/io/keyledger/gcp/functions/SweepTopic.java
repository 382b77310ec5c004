package io.keyledger.gcp.functions;

import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.gcp.pubsub.OutgoingMessage;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import io.keyledger.gcp.pubsub.PubSubTopic;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sweep's Pub/Sub topic: one message per scope ({@link SweepRequest}), each swept by its own worker
 * invocation, in parallel and within its project's own Cloud KMS quota. The fan-out, the admin API and a
 * worker's follow-up all write here. Every message carries the tenant its project belongs to, and the
 * attributes {@value #SWEEP_ID}, {@value #PROJECT} and {@value #LOCATION} for filters and logs.
 */
final class SweepTopic {

    static final String SWEEP_ID = "sweepId";
    static final String PROJECT = "project";
    static final String LOCATION = "location";

    private final PubSubPublisher publisher;
    private final PubSubTopic topic;
    private final TenantResolver tenants;

    SweepTopic(PubSubPublisher publisher, PubSubTopic topic, TenantResolver tenants) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    PubSubTopic topic() {
        return topic;
    }

    /**
     * Publishes one message per scope, each naming the tenant the scope's project belongs to.
     *
     * @return the message ids, in the order of the scopes
     * @throws io.keyledger.gcp.pubsub.PublishException when Pub/Sub refuses; it says how many were published
     */
    List<String> enqueue(String sweepId, List<SweepScope> scopes) {
        List<SweepRequest> requests = scopes.stream()
                .map(s -> SweepRequest.of(sweepId, s, Optional.of(tenants.tenantOf(s.provider(), s.account()))))
                .toList();
        return send(requests);
    }

    /** Publishes these requests as they are (a follow-up keeps its sweep's tenant and cursor). */
    List<String> send(List<SweepRequest> requests) {
        return publisher.publish(topic, requests.stream().map(SweepTopic::message).toList());
    }

    private static OutgoingMessage message(SweepRequest r) {
        return OutgoingMessage.text(r.toJson(), Map.of(SWEEP_ID, r.sweepId(), PROJECT, r.project(), LOCATION,
                r.location()));
    }
}
