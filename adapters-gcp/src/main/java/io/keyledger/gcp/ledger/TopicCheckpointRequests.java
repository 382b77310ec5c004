package io.keyledger.gcp.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.gcp.pubsub.OutgoingMessage;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import io.keyledger.gcp.pubsub.PubSubTopic;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the writers of the store (ingest, sweeps, the admin API) have their ledger appends signed in Google Cloud:
 * their service accounts may not use the ledger key, so at the end of each batch they publish one message per
 * tenant, {@code {"tenant":"acme"}}, on the checkpoint topic, whose Eventarc trigger runs the signing function. A
 * message Pub/Sub does not take fails the batch, so that its input is delivered again.
 */
public final class TopicCheckpointRequests implements CheckpointRequests {

    /** The message attribute naming the tenant, for filters and dashboards. */
    public static final String TENANT = "tenant";

    private final PubSubPublisher publisher;
    private final PubSubTopic topic;

    public TopicCheckpointRequests(PubSubPublisher publisher, PubSubTopic topic) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public void request(Set<String> tenants) {
        publisher.publish(topic, tenants.stream().sorted()
                .map(t -> OutgoingMessage.text(Json.write(Map.of(TENANT, t)), Map.of(TENANT, t))).toList());
    }

    /** The tenant a request names. */
    public static String tenantOf(String body) {
        String tenant;
        try {
            tenant = Json.mapper().readTree(body).path(TENANT).asString("");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a checkpoint request is not JSON");
        }
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint request names no tenant");
        }
        return tenant;
    }
}
