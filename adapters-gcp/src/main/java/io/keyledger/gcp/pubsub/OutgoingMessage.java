package io.keyledger.gcp.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message to publish: its data and its attributes (what subscriptions filter on). Pub/Sub refuses a
 * message with neither; KeyLedger's always carry data.
 */
public record OutgoingMessage(byte[] data, Map<String, String> attributes) {

    public OutgoingMessage {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new IllegalArgumentException("Pub/Sub message: field 'data' is empty");
        }
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(attributes, "attributes")));
    }

    /** A message of UTF-8 text (JSON, here). */
    public static OutgoingMessage text(String data, Map<String, String> attributes) {
        return new OutgoingMessage(data.getBytes(StandardCharsets.UTF_8), attributes);
    }

    /** What the message weighs against Pub/Sub's request size limit: data and attributes. */
    int size() {
        int size = data.length;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            size += a.getKey().getBytes(StandardCharsets.UTF_8).length + a.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
