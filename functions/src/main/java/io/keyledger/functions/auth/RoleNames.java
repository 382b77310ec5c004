package io.keyledger.functions.auth;

import io.keyledger.core.access.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Role names as configuration files and tokens spell them (any case). */
final class RoleNames {

    /** The roles a person may be given; the system role belongs to the ingest and sweep functions only. */
    static final String GRANTABLE = Arrays.stream(Role.values()).filter(r -> r != Role.SYSTEM)
            .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    private RoleNames() {
    }

    /** The role of that name, the system role included; empty for a name KeyLedger does not know. */
    static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(upper)).findFirst();
    }
}
