package io.keyledger.core.ownership;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.ResponsibilityParty;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a tenant's shared-responsibility rules: a key that matches {@link #when} has {@link #party}
 * responsible for it, held in {@link #mode}. The rules are tried in order and the first that matches decides.
 */
public record ResponsibilityRule(Condition when, ResponsibilityParty party, String mode) {

    /** What a rule looks at, each in the words of the policy file ({@code provider-managed}, ...). */
    public enum Condition {
        /** The provider manages the key on the customer's behalf (AWS managed keys). */
        PROVIDER_MANAGED,
        /** The key material lives outside the provider (AWS external key store, Google EKM): HYOK. */
        EXTERNAL_KEY_STORE,
        /** The customer imported the key material (BYOK). */
        IMPORTED_MATERIAL,
        /** An AI service of the provider was seen using the key on the customer's behalf. */
        USED_BY_AI_SERVICE,
        /** A service of the provider (storage, databases, AI, ...) was seen using the key. */
        USED_BY_PROVIDER_SERVICE,
        /** The customer manages the key. */
        CUSTOMER_MANAGED,
        /** Every key: a catch-all at the end of a list. */
        ANY;

        /** The condition's name in a policy file. */
        public String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Condition> parse(String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Condition c : values()) {
                if (c.name().equals(t)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        boolean matches(CryptoAsset a) {
            return switch (this) {
                case PROVIDER_MANAGED -> a.manager() == KeyManager.PROVIDER;
                case EXTERNAL_KEY_STORE -> a.origin() == KeyOrigin.EXTERNAL || a.protection() == ProtectionLevel.EXTERNAL;
                case IMPORTED_MATERIAL -> a.origin() == KeyOrigin.IMPORTED;
                case USED_BY_AI_SERVICE -> a.usageContext().aiUsage();
                case USED_BY_PROVIDER_SERVICE -> !a.usageContext().services().isEmpty() || a.usageContext().aiUsage();
                case CUSTOMER_MANAGED -> a.manager() == KeyManager.CUSTOMER;
                case ANY -> true;
            };
        }
    }

    public ResponsibilityRule {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(party, "party");
        if (party == ResponsibilityParty.UNKNOWN) {
            throw new IllegalArgumentException("a responsibility rule must name a party, not UNKNOWN");
        }
        mode = mode == null ? "" : mode.trim();
    }

    public boolean matches(CryptoAsset asset) {
        return when.matches(asset);
    }
}
