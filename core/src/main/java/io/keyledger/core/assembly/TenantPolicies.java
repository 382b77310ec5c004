package io.keyledger.core.assembly;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.ownership.InventoryPolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Everything one policy file says (docs/ALERTS.md): the anomaly rules ({@code rules}) and the inventory's
 * owner and responsibility rules ({@code inventory}), for every tenant and per tenant.
 */
public record TenantPolicies(AnomalyPolicies anomalies, InventoryPolicies inventory) {

    public static final TenantPolicies DEFAULT = new TenantPolicies(AnomalyPolicies.DEFAULT, InventoryPolicies.DEFAULT);

    public TenantPolicies {
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(inventory, "inventory");
    }

    /** Reads and checks a policy file (YAML, or JSON when the name ends in .json); errors name the file and the field. */
    public static TenantPolicies read(Path file) {
        String name = file.getFileName().toString();
        ObjectMapper mapper = name.endsWith(".json") ? JsonMapper.builder().build() : YAMLMapper.builder().build();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new PolicyFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new PolicyFormatException(name + ": cannot read: " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new PolicyFormatException(name + ": not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage(), e);
        }
        return parse(name, root);
    }

    /** Reads a policy already parsed into a tree; {@code source} names it in errors. */
    public static TenantPolicies parse(String source, JsonNode root) {
        return new TenantPolicies(AnomalyPolicies.parse(source, root), InventoryPolicyReader.read(source, root));
    }
}
