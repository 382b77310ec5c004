package io.keyledger.functions.feed;

import io.keyledger.core.signing.SigningPublicKey;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A party the tenant exchanges coordination feeds with: an upstream provider (whose keys protect what the
 * tenant uses) or a downstream customer (who relies on the tenant's keys), known by the public key its feeds
 * are signed with.
 *
 * @param name             {@code [a-z0-9][a-z0-9-]*}, at most 64: how the tenant names the partner
 * @param tenants          the tenants that accept this partner's feeds
 * @param responsibleParty who answers for the partner's keys, in the tenant's words (default: the name)
 */
public record Partner(String name, Relation relation, SigningPublicKey publicKey, Set<String> tenants,
                      String responsibleParty) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Which way responsibility is shared with the partner. */
    public enum Relation {
        /** It provides something the tenant's keys depend on (a provider, a processor). */
        UPSTREAM,
        /** It relies on the tenant's keys (a customer). */
        DOWNSTREAM;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Partner {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: 1 to 64 lower-case letters, digits or '-', starting with a "
                    + "letter or digit, not '" + name + "'");
        }
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(publicKey, "publicKey");
        tenants = Set.copyOf(tenants);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("tenants: a partner exchanges feeds with at least one tenant");
        }
        if (responsibleParty == null || responsibleParty.isBlank()) {
            throw new IllegalArgumentException("responsibleParty: required");
        }
    }

    public boolean exchangesWith(String tenant) {
        return tenants.contains(tenant);
    }
}
