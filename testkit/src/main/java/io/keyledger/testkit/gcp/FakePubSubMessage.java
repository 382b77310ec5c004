package io.keyledger.testkit.gcp;

import io.keyledger.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message the fake Pub/Sub accepted, as a subscriber would receive it; and the two shapes it reaches a
 * function in: a push subscription's request body, and Eventarc's {@code messagePublished} CloudEvent.
 */
public record FakePubSubMessage(String topic, String messageId, byte[] data, Map<String, String> attributes,
                                Instant publishTime) {

    public FakePubSubMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messageId, "messageId");
        data = data.clone();
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(publishTime, "publishTime");
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The message as Pub/Sub's JSON writes it: base64 data, both spellings of id and time, attributes. */
    public ObjectNode messageJson() {
        ObjectNode m = Json.mapper().createObjectNode();
        ObjectNode attrs = m.putObject("attributes");
        attributes.forEach(attrs::put);
        m.put("data", Base64.getEncoder().encodeToString(data));
        m.put("messageId", messageId).put("message_id", messageId);
        m.put("publishTime", publishTime.toString()).put("publish_time", publishTime.toString());
        return m;
    }

    /** The body of a push subscription's POST: {@code {"message": {...}, "subscription": "..."}}. */
    public String pushRequest(String subscription) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("message", messageJson());
        body.put("subscription", subscription);
        return Json.write(body);
    }

    /**
     * Eventarc's {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent for this message, in
     * structured mode: its data is the push body's shape.
     */
    public String messagePublishedEvent(String subscription) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", messageId);
        event.put("source", "//pubsub.googleapis.com/" + topic);
        event.put("type", "google.cloud.pubsub.topic.v1.messagePublished");
        event.put("time", publishTime.toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.set("message", messageJson());
        data.put("subscription", subscription);
        return Json.write(event);
    }
}
