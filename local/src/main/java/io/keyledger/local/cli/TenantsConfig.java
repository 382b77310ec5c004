package io.keyledger.local.cli;

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

    static TenantMapping parse(String text) {
        return TenantMappingJson.parse(text);
    }
}
