package io.keyledger.core.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The anomaly policies of every tenant: a default for all tenants and per-tenant overrides.
 *
 * <p>File format (YAML, or JSON when the name ends in {@code .json}): a top-level {@code rules} block
 * that changes the defaults for every tenant, and a {@code tenants} map whose {@code rules} blocks
 * change them further for one tenant, field by field. See docs/ALERTS.md.
 */
public record AnomalyPolicies(AnomalyPolicy defaults, Map<String, AnomalyPolicy> byTenant) {

    public static final AnomalyPolicies DEFAULT = new AnomalyPolicies(AnomalyPolicy.DEFAULT, Map.of());

    public AnomalyPolicies {
        Objects.requireNonNull(defaults, "defaults");
        byTenant = Map.copyOf(byTenant);
    }

    public AnomalyPolicy forTenant(String tenant) {
        return byTenant.getOrDefault(tenant, defaults);
    }

    /** Reads and checks a policy file; errors name the file and the field. */
    public static AnomalyPolicies read(Path file) {
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
    public static AnomalyPolicies parse(String source, JsonNode root) {
        return PolicyReader.read(source, root);
    }
}
