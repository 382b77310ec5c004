package io.keyledger.functions.auth;

import io.keyledger.core.access.Role;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.tenant.TenantIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which tenant roles each configured identity has: token subjects, verified emails, Microsoft Entra
 * object ids and IAM principal ARN patterns. An identity that several entries match gets the union of
 * their roles; an identity no entry matches has no role. No entry can grant the system role.
 *
 * <p>File format (JSON), see docs/AUTH.md:
 * <pre>{"principals": [{"email": "ann@example.com", "tenants": {"acme": ["auditor"]}}, ...]}</pre>
 */
public final class PrincipalMapping {

    public static final PrincipalMapping EMPTY = new PrincipalMapping(List.of());

    /** One identity (or pattern of them) and its roles by tenant. */
    public record Entry(IdentitySelector selector, Map<String, Set<Role>> tenants) {
        public Entry {
            Objects.requireNonNull(selector, "selector");
            if (tenants == null || tenants.isEmpty()) {
                throw new IllegalArgumentException("tenants: an entry must grant a role in at least one tenant");
            }
            TreeMap<String, Set<Role>> copy = new TreeMap<>();
            tenants.forEach((tenant, roles) -> {
                TenantIds.requireValid(tenant);
                if (roles == null || roles.isEmpty()) {
                    throw new IllegalArgumentException("tenants." + tenant + ": no role given");
                }
                if (roles.contains(Role.SYSTEM)) {
                    throw new IllegalArgumentException("tenants." + tenant + ": the system role cannot be granted");
                }
                copy.put(tenant, Set.copyOf(roles));
            });
            tenants = java.util.Collections.unmodifiableMap(copy);
        }
    }

    private final List<Entry> entries;

    private PrincipalMapping(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static PrincipalMapping of(List<Entry> entries) {
        return new PrincipalMapping(entries);
    }

    /** Reads a mapping from JSON text; {@code source} names it in errors (a file name, a setting). */
    public static PrincipalMapping fromJson(String source, String json) {
        return MappingReader.read(source, json);
    }

    /** Reads a mapping file; errors name the file, the entry and the field. */
    public static PrincipalMapping read(Path file) {
        String name = String.valueOf(file.getFileName());
        try {
            return MappingReader.read(name, Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new MappingFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new MappingFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Who this mapping grants which role, per tenant: one grant per entry and role. */
    public RoleGrants grants() {
        return tenant -> {
            List<RoleGrant> out = new java.util.ArrayList<>();
            for (Entry entry : entries) {
                for (Role role : new java.util.TreeSet<>(entry.tenants().getOrDefault(tenant, Set.of()))) {
                    out.add(new RoleGrant(entry.selector().describe(), role, RoleGrant.Source.PRINCIPAL_MAPPING,
                            java.util.Optional.empty()));
                }
            }
            return out;
        };
    }

    /** The roles by tenant of every entry that matches; empty when none does. */
    public Map<String, Set<Role>> rolesOf(Identity identity) {
        Map<String, Set<Role>> roles = new TreeMap<>();
        for (Entry entry : entries) {
            if (entry.selector().matches(identity)) {
                entry.tenants().forEach((tenant, granted) ->
                        roles.computeIfAbsent(tenant, t -> EnumSet.noneOf(Role.class)).addAll(granted));
            }
        }
        return roles;
    }
}
