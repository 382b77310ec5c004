package io.keyledger.azure.format;

import io.keyledger.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What an AuditEvent record tells of the key itself, when it tells anything: Key Vault adds
 * {@code keyProperties} (type, size, curve, attributes; the {@code KeyProperties} column of
 * AZKVAuditLogs) to some records, and the rest of {@code properties} may carry {@code attributes},
 * {@code tags} and the purge date of a deleted key. Only these named fields are read: nothing else of
 * the record reaches an event.
 */
record RecordedKey(KeyAttributesJson attributes, Map<String, String> spec, Map<String, String> tags,
                   boolean hasKeyOps, Optional<Instant> scheduledPurge) {

    /**
     * @param record     the whole record: exports of the AZKVAuditLogs table have {@code KeyProperties} at
     *                   the top level
     * @param properties its {@code properties}
     */
    static RecordedKey of(JsonNode record, JsonNode properties, boolean managedHsm) {
        JsonNode nested = objectOrJson(LenientJson.field(properties, "keyProperties"));
        JsonNode keyProperties = nested.isMissingNode() ? objectOrJson(LenientJson.field(record, "keyProperties")) : nested;
        JsonNode attributes = LenientJson.field(keyProperties, "attributes");
        if (!attributes.isObject()) {
            attributes = LenientJson.field(properties, "attributes");
        }
        JsonNode tags = LenientJson.field(keyProperties, "tags");
        if (!tags.isObject()) {
            tags = LenientJson.field(properties, "tags");
        }
        List<String> keyOps = new ArrayList<>();
        JsonNode ops = LenientJson.field(keyProperties, "keyOps", "key_ops");
        if (ops.isArray()) {
            ops.forEach(o -> LenientJson.valueText(o).ifPresent(keyOps::add));
        }
        Map<String, String> spec = KeySpec.attributes(LenientJson.text(keyProperties, "kty", "type", "keyType"),
                LenientJson.text(keyProperties, "crv", "curve", "curveName"),
                size(LenientJson.text(keyProperties, "size", "keySize", "key_size")), keyOps, managedHsm);
        Optional<Instant> purge = Instants.of(LenientJson.field(properties, "scheduledPurgeDate"))
                .or(() -> Instants.of(LenientJson.field(keyProperties, "scheduledPurgeDate")));
        return new RecordedKey(KeyAttributesJson.of(attributes), spec, Tags.of(tags), !keyOps.isEmpty(), purge);
    }

    private static OptionalInt size(Optional<String> text) {
        try {
            return text.map(t -> OptionalInt.of(Integer.parseInt(t))).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static JsonNode objectOrJson(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        if (node.isString()) {
            try {
                JsonNode parsed = Json.mapper().readTree(node.stringValue());
                return parsed.isObject() ? parsed : MissingNode.getInstance();
            } catch (JacksonException e) {
                return MissingNode.getInstance();
            }
        }
        return MissingNode.getInstance();
    }
}
