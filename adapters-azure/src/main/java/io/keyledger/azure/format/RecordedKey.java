package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
    static RecordedKey of(RecordFields record, RecordFields properties, boolean managedHsm) {
        RecordFields keyProperties = properties.looseObject("keyProperties")
                .or(() -> record.looseObject("keyProperties"))
                .orElseGet(() -> AzureJson.fields(MissingNode.getInstance()));
        JsonNode attributes = keyProperties.get("attributes");
        if (!attributes.isObject()) {
            attributes = properties.get("attributes");
        }
        JsonNode tags = keyProperties.get("tags");
        if (!tags.isObject()) {
            tags = properties.get("tags");
        }
        List<String> keyOps = new ArrayList<>();
        JsonNode ops = keyProperties.get("keyOps", "key_ops");
        if (ops.isArray()) {
            ops.forEach(o -> AzureJson.DIALECT.looseText(o).ifPresent(keyOps::add));
        }
        Map<String, String> spec = KeySpec.attributes(keyProperties.looseText("kty", "type", "keyType"),
                keyProperties.looseText("crv", "curve", "curveName"),
                size(keyProperties.looseText("size", "keySize", "key_size")), keyOps, managedHsm);
        Optional<Instant> purge = properties.looseInstant("scheduledPurgeDate")
                .or(() -> keyProperties.looseInstant("scheduledPurgeDate"));
        return new RecordedKey(KeyAttributesJson.of(attributes), spec, Tags.of(tags), !keyOps.isEmpty(), purge);
    }

    private static OptionalInt size(Optional<String> text) {
        try {
            return text.map(t -> OptionalInt.of(Integer.parseInt(t))).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
