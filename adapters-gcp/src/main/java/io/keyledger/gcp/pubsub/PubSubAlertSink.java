package io.keyledger.gcp.pubsub;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes each alert to a Pub/Sub topic. The message data is the alert's JSON, the same line the
 * JSON-lines sink writes; the attributes {@value #SEVERITY}, {@value #RULE}, {@value #TENANT} and
 * {@value #ALERT_ID} let subscriptions filter (only CRITICAL to the pager, one tenant's alerts to its team)
 * and consumers deduplicate (an alert raised again has the same id). What Pub/Sub still refuses after the
 * client's retries is thrown, for the dispatcher to count.
 */
public final class PubSubAlertSink implements AlertSink {

    public static final String SEVERITY = "severity";
    public static final String RULE = "rule";
    public static final String TENANT = "tenant";
    public static final String ALERT_ID = "alertId";

    private final PubSubPublisher publisher;
    private final PubSubTopic topic;

    public PubSubAlertSink(PubSubPublisher publisher, PubSubTopic topic) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String name() {
        return "pubsub:" + topic.name();
    }

    @Override
    public void send(Alert alert) throws IOException {
        OutgoingMessage message = OutgoingMessage.text(Json.write(alert), Map.of(
                SEVERITY, alert.severity().name(),
                RULE, alert.rule().id(),
                TENANT, alert.tenant(),
                ALERT_ID, alert.id()));
        try {
            publisher.publish(topic, List.of(message));
        } catch (PublishException e) {
            throw new IOException(name() + " refused alert " + alert.id() + ": " + e.code(), e);
        }
    }
}
