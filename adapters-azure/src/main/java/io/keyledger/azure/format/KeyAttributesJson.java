package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A key's {@code attributes} as Key Vault reports them: REST ({@code nbf}, {@code exp}, epoch seconds)
 * and the Azure CLI ({@code notBefore}, {@code expires}, ISO times) alike. Values of the wrong type count
 * as absent: these are hints, never the identity of a record.
 */
public record KeyAttributesJson(Optional<Boolean> enabled, Optional<Instant> notBefore, Optional<Instant> expires,
                                Optional<Instant> created, Optional<String> recoveryLevel) {

    public static final KeyAttributesJson NONE = new KeyAttributesJson(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public static KeyAttributesJson of(JsonNode attributes) {
        if (attributes == null || !attributes.isObject()) {
            return NONE;
        }
        RecordFields fields = AzureJson.fields(attributes);
        return new KeyAttributesJson(bool(fields.get("enabled")), fields.looseInstant("nbf", "notBefore"),
                fields.looseInstant("exp", "expires"), fields.looseInstant("created"), fields.looseText("recoveryLevel"));
    }

    public boolean isEmpty() {
        return enabled.isEmpty() && notBefore.isEmpty() && expires.isEmpty() && created.isEmpty();
    }

    private static Optional<Boolean> bool(JsonNode node) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        return AzureJson.DIALECT.looseText(node).flatMap(t -> t.equalsIgnoreCase("true") ? Optional.of(true)
                : t.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty());
    }
}
