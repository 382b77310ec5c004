package io.keyledger.gcp.functions;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.keyledger.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CloudEvent as the Functions Framework hands it over (attributes, and the data as bytes: Eventarc posts
 * in binary mode), back in the structured JSON form the decoders read ({@code EventarcDecoder}): the
 * attributes as members and the data as {@code data} when it is JSON, else as {@code data_base64}, so that
 * the decoder names what is wrong with it.
 */
public final class EventarcEnvelope {

    private EventarcEnvelope() {
    }

    /** The event in structured mode, as UTF-8 JSON. */
    public static byte[] structured(CloudEvent event) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("specversion", event.getSpecVersion().toString());
        out.put("id", event.getId());
        out.put("source", event.getSource().toString());
        out.put("type", event.getType());
        if (event.getSubject() != null) {
            out.put("subject", event.getSubject());
        }
        if (event.getTime() != null) {
            out.put("time", event.getTime().toString());
        }
        if (event.getDataContentType() != null) {
            out.put("datacontenttype", event.getDataContentType());
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null && !out.has(name)) {
                out.put(name, value.toString());
            }
        }
        byte[] data = data(event);
        if (data.length > 0) {
            Optional<JsonNode> json = json(data);
            if (json.isPresent()) {
                out.set("data", json.get());
            } else {
                out.put("data_base64", Base64.getEncoder().encodeToString(data));
            }
        }
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    /** The event's data, empty when it has none. */
    static byte[] data(CloudEvent event) {
        CloudEventData data = event.getData();
        return data == null ? new byte[0] : data.toBytes();
    }

    /** The data as a JSON object, if it is one. */
    static Optional<JsonNode> json(byte[] data) {
        try {
            JsonNode node = Json.mapper().readTree(new String(data, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
