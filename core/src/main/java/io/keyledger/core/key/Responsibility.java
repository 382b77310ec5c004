package io.keyledger.core.key;

import java.util.Objects;
import java.util.Optional;

/**
 * Shared-responsibility attributes.
 *
 * @param party who is responsible for the key
 * @param mode  how the key is held, in the customer's words (e.g. "customer-managed", "BYOK", "HYOK")
 */
public record Responsibility(ResponsibilityParty party, Optional<String> mode) {

    public static final Responsibility UNKNOWN = new Responsibility(ResponsibilityParty.UNKNOWN, Optional.empty());

    public Responsibility {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(mode, "mode");
    }
}
