package io.keyledger.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One principal's role in a tenant, and where it comes from: an entry of the configured principal
 * mapping, or a local API token that was issued (and ledgered).
 *
 * @param principal who: an identity of the mapping ("IAM arn:aws:iam::111122223333:role/KeyAdmins",
 *                  "email ann@example.com") or a token's subject
 * @param expiresAt when the grant ends by itself (a token's expiry); empty for a mapping entry
 */
public record RoleGrant(String principal, Role role, Source source, Optional<Instant> expiresAt) {

    /** Where a grant comes from. */
    public enum Source {
        /** The principal mapping the API is configured with (docs/AUTH.md). */
        PRINCIPAL_MAPPING,
        /** A local token from {@code keyledger token}, ledgered when it was issued. */
        LOCAL_TOKEN
    }

    public RoleGrant {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal: required");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** What an access review attests: this principal holds this role, whatever token or entry carries it. */
    public String reviewed() {
        return principal + " " + role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The grant in words: "email ann@example.com: auditor (principal mapping)". */
    public String describe() {
        return principal + ": " + role.name().toLowerCase(java.util.Locale.ROOT) + " ("
                + (source == Source.PRINCIPAL_MAPPING ? "principal mapping" : "local token") + ")";
    }
}
