package io.keyledger.local.cli;

import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.ingest.IngestLimitsJson;
import io.keyledger.core.json.Json;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.core.tenant.TenantMappingJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the tenants file (format: {@link TenantMappingJson}):
 * <pre>{"accounts": {"aws:111122223333": "acme", "gcp:my-project": "beta"}, "default": "default"}</pre>
 * Account keys are {@code <provider>:<account scope>}; accounts it does not name go to the default tenant.
 */
final class TenantsConfig {

    private TenantsConfig() {
    }

    static TenantMapping load(Optional<Path> file) {
        return file.map(TenantsConfig::load).orElseGet(TenantMapping::defaultOnly);
    }

    static TenantMapping load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read tenants file " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("tenants file " + file + ": " + e.getMessage());
        }
    }

    /** The input limits of the tenants file's {@code limits} section; the defaults when there is no file or section. */
    static IngestLimits limits(Optional<Path> file) {
        if (file.isEmpty()) {
            return IngestLimits.DEFAULTS;
        }
        String text;
        try {
            text = Files.readString(file.get());
        } catch (IOException e) {
            throw new CliException("cannot read tenants file " + file.get() + ": " + e.getMessage());
        }
        try {
            return IngestLimitsJson.parse(Json.mapper().readTree(text).get("limits"));
        } catch (IllegalArgumentException e) {
            throw new CliException("tenants file " + file.get() + ": " + e.getMessage());
        } catch (tools.jackson.core.JacksonException e) {
            throw new CliException("tenants file " + file.get() + ": not valid JSON");
        }
    }

    static TenantMapping parse(String text) {
        return TenantMappingJson.parse(text);
    }
}
