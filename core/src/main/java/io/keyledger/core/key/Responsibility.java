package io.keyledger.core.key;

import java.util.Objects;
import java.util.Optional;

/**
 * Shared-responsibility attributes.
 *
 * @param party who is responsible for the key
 * @param mode  how the key is held, in the customer's words (e.g. "customer-managed", "BYOK", "HYOK")
 * @param basis whether a rule decided it or a person set it for this key
 * @param rule  the name of the tenant's rule that decided it ({@code provider-managed}, ...), for {@link ResponsibilityBasis#RULE}
 */
public record Responsibility(ResponsibilityParty party, Optional<String> mode, ResponsibilityBasis basis,
                             Optional<String> rule) {

    public static final Responsibility UNKNOWN = new Responsibility(ResponsibilityParty.UNKNOWN, Optional.empty(),
            ResponsibilityBasis.NONE, Optional.empty());

    public Responsibility {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(mode, "mode");
        // Before rules existed, a party could only be set by a person.
        basis = basis != null ? basis
                : party == ResponsibilityParty.UNKNOWN ? ResponsibilityBasis.NONE : ResponsibilityBasis.OVERRIDE;
        rule = rule == null ? Optional.empty() : rule;
    }

    /** A responsibility as a person sets it for one key (or UNKNOWN, for none). */
    public Responsibility(ResponsibilityParty party, Optional<String> mode) {
        this(party, mode, null, Optional.empty());
    }

    /** A party set for one key by a person. */
    public static Responsibility override(ResponsibilityParty party, Optional<String> mode) {
        return new Responsibility(party, mode, ResponsibilityBasis.OVERRIDE, Optional.empty());
    }

    public boolean overridden() {
        return basis == ResponsibilityBasis.OVERRIDE;
    }
}
