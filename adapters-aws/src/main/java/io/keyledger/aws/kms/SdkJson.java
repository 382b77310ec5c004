package io.keyledger.aws.kms;

import io.keyledger.core.json.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SDK response object as the JSON the API sent, member names as on the wire ({@code KeyState},
 * {@code MultiRegionConfiguration.PrimaryKey.Arn}), so that {@link KmsObservation} reads a live
 * response exactly as it reads the AWS CLI's output of the same call. Dates become ISO-8601 strings;
 * binary members (public keys and the like) are left out, since the inventory never holds them.
 */
final class SdkJson {

    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private SdkJson() {
    }

    static JsonNode of(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null) {
                JsonNode node = node(value);
                if (node != null) {
                    out.set(field.locationName(), node);
                }
            }
        }
        return out;
    }

    private static JsonNode node(Object value) {
        if (value instanceof SdkPojo pojo) {
            return of(pojo);
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Instant i) {
            return NODES.stringNode(i.toString());
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            for (Object item : items) {
                JsonNode n = node(item);
                if (n != null) {
                    array.add(n);
                }
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> {
                JsonNode n = node(v);
                if (n != null) {
                    object.set(String.valueOf(k), n);
                }
            });
            return object;
        }
        if (value instanceof SdkBytes) {
            return null;
        }
        return NODES.stringNode(String.valueOf(value));
    }
}
