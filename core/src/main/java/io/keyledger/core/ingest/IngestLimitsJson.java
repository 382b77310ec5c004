package io.keyledger.core.ingest;

import io.keyledger.core.decode.InputLimits;
import io.keyledger.core.tenant.TenantIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code limits} section of the tenants file (and of the functions' tenants setting): limits for every
 * tenant, and per tenant on top of them. Every figure must lie within {@link InputLimits#HARD_CAPS}.
 * <pre>{"maxFieldChars": 16384, "tenants": {"acme": {"maxRecordBytes": 4194304}}}</pre>
 */
public final class IngestLimitsJson {

    private static final Set<String> NAMES = Set.of("maxRecordBytes", "maxFieldChars", "maxNestingDepth",
            "maxDecompressedBytes", "maxCompressionRatio");

    private IngestLimitsJson() {
    }

    /** @throws IllegalArgumentException naming the field that is wrong ({@code limits.tenants.acme.maxFieldChars}) */
    public static IngestLimits parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return IngestLimits.DEFAULTS;
        }
        requireObject(section, "limits");
        InputLimits defaults = limits(section, "limits", InputLimits.DEFAULTS, true);
        Map<String, InputLimits> tenants = new LinkedHashMap<>();
        JsonNode perTenant = section.get("tenants");
        if (perTenant != null && !perTenant.isNull()) {
            requireObject(perTenant, "limits.tenants");
            for (Map.Entry<String, JsonNode> e : perTenant.properties()) {
                String field = "limits.tenants." + e.getKey();
                try {
                    TenantIds.requireValid(e.getKey());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("field '" + field + "': " + bad.getMessage());
                }
                requireObject(e.getValue(), field);
                tenants.put(e.getKey(), limits(e.getValue(), field, defaults, false));
            }
        }
        return new IngestLimits(defaults, tenants);
    }

    private static InputLimits limits(JsonNode node, String path, InputLimits base, boolean tenantsAllowed) {
        InputLimits out = base;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            String field = path + "." + name;
            if (tenantsAllowed && name.equals("tenants")) {
                continue;
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("field '" + field + "': unknown (expected " + String.join(", ",
                        new java.util.TreeSet<>(NAMES)) + (tenantsAllowed ? " or tenants" : "") + ")");
            }
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException("field '" + field + "': expected a whole number");
            }
            long value = v.asLong();
            try {
                out = switch (name) {
                    case "maxRecordBytes" -> out.withMaxRecordBytes(toInt(value));
                    case "maxFieldChars" -> out.withMaxFieldChars(toInt(value));
                    case "maxNestingDepth" -> out.withMaxNestingDepth(toInt(value));
                    case "maxDecompressedBytes" -> out.withMaxDecompressedBytes(value);
                    default -> out.withMaxCompressionRatio(toInt(value));
                };
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("field '" + field + "': " + bad.getMessage());
            }
        }
        return out;
    }

    private static int toInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("field '" + field + "': expected an object");
        }
    }
}
