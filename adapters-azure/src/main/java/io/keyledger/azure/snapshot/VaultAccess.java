package io.keyledger.azure.snapshot;

import io.keyledger.azure.format.AzureJson;
import io.keyledger.azure.format.VaultKeyObservation;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.sweep.SnapshotFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A vault's access model, from {@code az keyvault show} ({@code --hsm-name} for a Managed HSM) saved as
 * {@code vault.json}: Azure RBAC ({@code enableRbacAuthorization} true, and always for a Managed HSM, whose
 * local RBAC governs its keys) or vault access policies, whose principals with a permission on keys are
 * the keys' grantees. Role assignments are not in the vault's properties: under RBAC no grantee is listed.
 * Every key of the vault gets the same facts.
 */
final class VaultAccess {

    static final String FILE = "vault.json";

    private VaultAccess() {
    }

    /** The access attributes of every key of the vault; empty when the file does not tell the model. */
    static Map<String, String> attributes(Path file, JsonNode vault, boolean managedHsm) {
        if (!vault.isObject()) {
            throw new SnapshotFormatException(file, "", "expected the JSON object az keyvault show prints");
        }
        RecordFields properties = AzureJson.fields(AzureJson.fields(vault).get("properties"));
        String type = AzureJson.fields(vault).looseText("type").orElse("").toLowerCase(Locale.ROOT);
        Map<String, String> out = new LinkedHashMap<>();
        if (managedHsm || type.endsWith("/managedhsms")) {
            out.put(KeyAttribute.ACCESS_MODEL.wireName(), VaultKeyObservation.RBAC);
            return out;
        }
        JsonNode rbac = properties.get("enableRbacAuthorization");
        JsonNode policies = properties.get("accessPolicies");
        if (rbac.isBoolean() && rbac.booleanValue()) {
            out.put(KeyAttribute.ACCESS_MODEL.wireName(), VaultKeyObservation.RBAC);
        } else if (rbac.isBoolean() || policies.isArray()) {
            // false, or unset on a vault that lists access policies (the model of API versions before RBAC became the default)
            out.put(KeyAttribute.ACCESS_MODEL.wireName(), VaultKeyObservation.ACCESS_POLICIES);
            out.put(KeyAttribute.ACCESS_GRANTEES.wireName(), String.join(",", grantees(file, policies)));
        } else if (!rbac.isMissingNode() && !rbac.isNull()) {
            throw new SnapshotFormatException(file, "properties.enableRbacAuthorization", "expected true or false, was " + rbac);
        }
        return out;
    }

    /** The principals of access policies that give any permission on keys, as {@code objectId} (or with its application). */
    private static Set<String> grantees(Path file, JsonNode policies) {
        Set<String> out = new TreeSet<>();
        if (!policies.isArray()) {
            return out;
        }
        for (int i = 0; i < policies.size(); i++) {
            RecordFields policy = AzureJson.fields(policies.get(i));
            JsonNode keys = AzureJson.fields(policy.get("permissions")).get("keys");
            if (!keys.isArray() || keys.isEmpty()) {
                continue;
            }
            String field = "properties.accessPolicies[" + i + "].objectId";
            String objectId = policy.looseText("objectId").orElseThrow(() -> new SnapshotFormatException(file,
                    field, "missing"));
            if (objectId.length() > 128 || objectId.contains(",")) {
                throw new SnapshotFormatException(file, field,
                        "not an object id: '" + objectId.substring(0, Math.min(objectId.length(), 64)) + "'");
            }
            out.add(policy.looseText("applicationId").filter(a -> a.length() <= 64 && !a.contains(","))
                    .map(a -> objectId + " (application " + a + ")").orElse(objectId));
        }
        return out;
    }
}
