package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A key's {@code attributes} as Key Vault reports them: REST ({@code nbf}, {@code exp}, epoch seconds)
 * and the Azure CLI ({@code notBefore}, {@code expires}, ISO times) alike. Values of the wrong type count
 * as absent: these are hints, never the identity of a record.
 *
 * @param recoveryLevel   the deletion recovery level ({@code Recoverable+Purgeable}, {@code CustomizedRecoverable}...)
 * @param recoverableDays how many days a deleted key stays recoverable
 * @param updated         when the version's attributes last changed
 */
public record KeyAttributesJson(Optional<Boolean> enabled, Optional<Instant> notBefore, Optional<Instant> expires,
                                Optional<Instant> created, Optional<String> recoveryLevel,
                                Optional<Integer> recoverableDays, Optional<Instant> updated) {

    public static final KeyAttributesJson NONE = new KeyAttributesJson(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public static KeyAttributesJson of(JsonNode attributes) {
        if (attributes == null || !attributes.isObject()) {
            return NONE;
        }
        RecordFields fields = AzureJson.fields(attributes);
        return new KeyAttributesJson(bool(fields.get("enabled")), fields.looseInstant("nbf", "notBefore"),
                fields.looseInstant("exp", "expires"), fields.looseInstant("created"), fields.looseText("recoveryLevel"),
                fields.looseText("recoverableDays").flatMap(KeyAttributesJson::days), fields.looseInstant("updated"));
    }

    public boolean isEmpty() {
        return enabled.isEmpty() && notBefore.isEmpty() && expires.isEmpty() && created.isEmpty();
    }

    /** Key Vault's recoverable days are 7 to 90; anything else is no hint at all. */
    private static Optional<Integer> days(String text) {
        try {
            int days = Integer.parseInt(text.trim());
            return days > 0 && days <= 36_500 ? Optional.of(days) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> bool(JsonNode node) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        return AzureJson.DIALECT.looseText(node).flatMap(t -> t.equalsIgnoreCase("true") ? Optional.of(true)
                : t.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty());
    }
}
