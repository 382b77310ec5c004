package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A key's rotation policy as Key Vault states it, whoever read it (the REST API, the SDK, the Azure CLI's
 * {@code rotation-policy show}, Azure Resource Manager): lifetime actions and the expiry given to new
 * versions. {@link #attributes} is the one mapping to {@code rotation.enabled} and {@code rotation.period}:
 * the key rotates when an action is {@code Rotate}; its period is the action's {@code timeAfterCreate}, or
 * {@code expiryTime - timeBeforeExpiry} for a rotation triggered before expiry.
 *
 * @param expiryTime the ISO-8601 period new versions expire after, if the policy sets one
 */
public record RotationPolicy(List<LifetimeAction> actions, Optional<String> expiryTime) {

    /**
     * One lifetime action: its type ({@code Rotate}, {@code Notify}) and trigger (ISO-8601 periods).
     */
    public record LifetimeAction(String type, Optional<String> timeAfterCreate, Optional<String> timeBeforeExpiry) {
        public LifetimeAction {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timeAfterCreate, "timeAfterCreate");
            Objects.requireNonNull(timeBeforeExpiry, "timeBeforeExpiry");
        }
    }

    public RotationPolicy {
        actions = List.copyOf(actions);
        Objects.requireNonNull(expiryTime, "expiryTime");
    }

    /**
     * A policy as JSON in either shape: the Azure CLI's flat lifetime actions ({@code {"action": "Rotate",
     * "timeAfterCreate": "P90D"}}) and the REST API's and Resource Manager's nested ones ({@code {"trigger":
     * {"timeAfterCreate": "P90D"}, "action": {"type": "Rotate"}}}).
     */
    public static RotationPolicy read(JsonNode policy) {
        RecordFields fields = AzureJson.fields(policy);
        JsonNode actions = fields.get("lifetimeActions");
        Optional<String> expiry = AzureJson.fields(fields.get("attributes")).looseText("expiryTime", "expiresIn")
                .or(() -> fields.looseText("expiryTime", "expiresIn"));
        List<LifetimeAction> out = new ArrayList<>();
        if (actions.isArray()) {
            for (JsonNode action : actions) {
                RecordFields a = AzureJson.fields(action);
                JsonNode type = a.get("action");
                String name = type.isObject() ? AzureJson.fields(type).looseText("type").orElse("")
                        : AzureJson.DIALECT.looseText(type).orElse("");
                JsonNode trigger = a.get("trigger");
                RecordFields when = AzureJson.fields(trigger.isObject() ? trigger : action);
                out.add(new LifetimeAction(name, when.looseText("timeAfterCreate"), when.looseText("timeBeforeExpiry")));
            }
        }
        return new RotationPolicy(out, expiry);
    }

    /** {@code rotation.enabled}, and {@code rotation.period} when the policy gives one. */
    public Map<String, String> attributes() {
        Optional<Duration> expiry = expiryTime.flatMap(IsoPeriods::parse);
        boolean rotates = false;
        Optional<Duration> period = Optional.empty();
        for (LifetimeAction action : actions) {
            if (!action.type().trim().equalsIgnoreCase("Rotate")) {
                continue;
            }
            rotates = true;
            Optional<Duration> afterCreate = action.timeAfterCreate().flatMap(IsoPeriods::parse);
            Optional<Duration> beforeExpiry = action.timeBeforeExpiry().flatMap(IsoPeriods::parse);
            period = afterCreate.or(() -> expiry.flatMap(e -> beforeExpiry.map(e::minus))
                    .filter(d -> !d.isNegative() && !d.isZero()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KeyAttribute.ROTATION_ENABLED.wireName(), Boolean.toString(rotates));
        period.ifPresent(p -> out.put(KeyAttribute.ROTATION_PERIOD.wireName(), IsoPeriods.text(p)));
        return out;
    }
}
