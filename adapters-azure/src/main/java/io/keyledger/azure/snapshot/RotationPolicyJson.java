package io.keyledger.azure.snapshot;

import io.keyledger.azure.format.AzureJson;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A key's rotation policy ({@code az keyvault key rotation-policy show}) as {@code rotation.enabled} and
 * {@code rotation.period}. Both shapes are read: the CLI's flat lifetime actions
 * ({@code {"action": "Rotate", "timeAfterCreate": "P90D"}}) and the REST API's nested ones
 * ({@code {"trigger": {"timeAfterCreate": "P90D"}, "action": {"type": "Rotate"}}}). A rotation triggered
 * before expiry has the period {@code expiryTime - timeBeforeExpiry}.
 */
final class RotationPolicyJson {

    private RotationPolicyJson() {
    }

    static Map<String, String> attributes(JsonNode policy) {
        Map<String, String> out = new LinkedHashMap<>();
        RecordFields fields = AzureJson.fields(policy);
        JsonNode actions = fields.get("lifetimeActions");
        Optional<Duration> expiry = AzureJson.fields(fields.get("attributes")).looseText("expiryTime", "expiresIn")
                .or(() -> fields.looseText("expiryTime", "expiresIn"))
                .flatMap(IsoPeriods::parse);
        boolean rotates = false;
        Optional<Duration> period = Optional.empty();
        if (actions.isArray()) {
            for (JsonNode action : actions) {
                RecordFields a = AzureJson.fields(action);
                JsonNode type = a.get("action");
                String name = type.isObject() ? AzureJson.fields(type).looseText("type").orElse("")
                        : AzureJson.DIALECT.looseText(type).orElse("");
                if (!name.equalsIgnoreCase("Rotate")) {
                    continue;
                }
                rotates = true;
                JsonNode trigger = a.get("trigger");
                RecordFields when = AzureJson.fields(trigger.isObject() ? trigger : action);
                Optional<Duration> afterCreate = when.looseText("timeAfterCreate").flatMap(IsoPeriods::parse);
                Optional<Duration> beforeExpiry = when.looseText("timeBeforeExpiry").flatMap(IsoPeriods::parse);
                period = afterCreate.or(() -> expiry.flatMap(e -> beforeExpiry.map(e::minus))
                        .filter(d -> !d.isNegative() && !d.isZero()));
            }
        }
        out.put(KeyAttribute.ROTATION_ENABLED.wireName(), Boolean.toString(rotates));
        period.ifPresent(p -> out.put(KeyAttribute.ROTATION_PERIOD.wireName(), IsoPeriods.text(p)));
        return out;
    }
}
