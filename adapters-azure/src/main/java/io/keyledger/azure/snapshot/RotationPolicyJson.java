package io.keyledger.azure.snapshot;

import io.keyledger.azure.format.AzureJson;
import io.keyledger.azure.format.RotationPolicy;
import io.keyledger.core.decode.RecordFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A key's rotation policy ({@code az keyvault key rotation-policy show}) read into a {@link RotationPolicy}.
 * Both shapes are read: the CLI's flat lifetime actions ({@code {"action": "Rotate", "timeAfterCreate":
 * "P90D"}}) and the REST API's nested ones ({@code {"trigger": {"timeAfterCreate": "P90D"}, "action":
 * {"type": "Rotate"}}}).
 */
final class RotationPolicyJson {

    private RotationPolicyJson() {
    }

    static RotationPolicy read(JsonNode policy) {
        RecordFields fields = AzureJson.fields(policy);
        JsonNode actions = fields.get("lifetimeActions");
        Optional<String> expiry = AzureJson.fields(fields.get("attributes")).looseText("expiryTime", "expiresIn")
                .or(() -> fields.looseText("expiryTime", "expiresIn"));
        List<RotationPolicy.LifetimeAction> out = new ArrayList<>();
        if (actions.isArray()) {
            for (JsonNode action : actions) {
                RecordFields a = AzureJson.fields(action);
                JsonNode type = a.get("action");
                String name = type.isObject() ? AzureJson.fields(type).looseText("type").orElse("")
                        : AzureJson.DIALECT.looseText(type).orElse("");
                JsonNode trigger = a.get("trigger");
                RecordFields when = AzureJson.fields(trigger.isObject() ? trigger : action);
                out.add(new RotationPolicy.LifetimeAction(name, when.looseText("timeAfterCreate"),
                        when.looseText("timeBeforeExpiry")));
            }
        }
        return new RotationPolicy(out, expiry);
    }
}
