package io.keyledger.core.ownership;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.OwnerBasis;
import io.keyledger.core.key.Ownership;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityBasis;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.ownership.ResponsibilityRule.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant's rules for a key's owner and responsible party (docs/ALERTS.md, "inventory" block of the
 * policy file). {@link #apply} derives both from what the key's record holds (its tags, creator, manager,
 * origin and usage, a declared owner or an overridden party), so that it gives the same result whatever
 * order the events arrived in, and a change of owner or party is an ordinary change of the record.
 *
 * @param ownerTags          tag or label keys that name the owner, tried in order
 * @param ownerFromCreator   whether a key without a declared or tagged owner gets its creator, marked inferred
 * @param responsibility     the responsibility rules, tried in order
 */
public record InventoryPolicy(List<String> ownerTags, boolean ownerFromCreator,
                              List<ResponsibilityRule> responsibility) {

    /** The spellings of owner tags seen most often, as AWS tags, Azure tags and Google labels. */
    public static final List<String> DEFAULT_OWNER_TAGS = List.of("Owner", "owner", "OWNER", "owner-email",
            "OwnerEmail", "owner_email", "Team", "team", "owner-team", "OwnerTeam", "owner_team", "Contact", "contact");

    /** Provider-managed, then customer-held (external store, imported), then shared, then customer-managed. */
    public static final List<ResponsibilityRule> DEFAULT_RESPONSIBILITY = List.of(
            new ResponsibilityRule(Condition.PROVIDER_MANAGED, ResponsibilityParty.PROVIDER, "provider-managed"),
            new ResponsibilityRule(Condition.EXTERNAL_KEY_STORE, ResponsibilityParty.CUSTOMER,
                    "customer-held (external key store, HYOK)"),
            new ResponsibilityRule(Condition.IMPORTED_MATERIAL, ResponsibilityParty.CUSTOMER,
                    "customer-held (imported material, BYOK)"),
            new ResponsibilityRule(Condition.USED_BY_PROVIDER_SERVICE, ResponsibilityParty.SHARED,
                    "customer-managed, used by provider services on the customer's behalf"),
            new ResponsibilityRule(Condition.CUSTOMER_MANAGED, ResponsibilityParty.CUSTOMER, "customer-managed"));

    public static final InventoryPolicy DEFAULT = new InventoryPolicy(DEFAULT_OWNER_TAGS, true, DEFAULT_RESPONSIBILITY);

    public InventoryPolicy {
        ownerTags = List.copyOf(ownerTags);
        responsibility = List.copyOf(responsibility);
        for (String tag : ownerTags) {
            if (tag.isBlank()) {
                throw new IllegalArgumentException("an owner tag key must not be blank");
            }
        }
    }

    /** The key with its owner and responsible party derived under this policy. */
    public CryptoAsset apply(CryptoAsset asset) {
        Objects.requireNonNull(asset, "asset");
        Ownership ownership = asset.ownership();
        Optional<String> owner;
        Ownership found;
        Optional<String> tagKey = ownerTags.stream()
                .filter(t -> asset.tags().containsKey(t) && !asset.tags().get(t).isBlank()).findFirst();
        if (ownership.declared().isPresent()) {
            owner = ownership.declared();
            found = new Ownership(owner, OwnerBasis.DECLARED, Optional.empty());
        } else if (tagKey.isPresent()) {
            owner = Optional.of(asset.tags().get(tagKey.get()).trim());
            found = new Ownership(Optional.empty(), OwnerBasis.TAG, tagKey);
        } else if (ownerFromCreator && asset.provenance().createdBy().isPresent()) {
            owner = asset.provenance().createdBy();
            found = new Ownership(Optional.empty(), OwnerBasis.CREATOR, Optional.empty());
        } else {
            owner = Optional.empty();
            found = Ownership.NONE;
        }
        Responsibility party = responsibility(asset);
        if (owner.equals(asset.owner()) && found.equals(ownership) && party.equals(asset.responsibility())) {
            return asset; // most changes of a key leave these alone: no copy of the record then
        }
        return asset.toBuilder().owner(owner).ownership(found).responsibility(party).build();
    }

    private Responsibility responsibility(CryptoAsset asset) {
        if (asset.responsibility().overridden()) {
            return asset.responsibility();
        }
        for (ResponsibilityRule rule : responsibility) {
            if (rule.matches(asset)) {
                return new Responsibility(rule.party(), rule.mode().isEmpty() ? Optional.empty() : Optional.of(rule.mode()),
                        ResponsibilityBasis.RULE, Optional.of(rule.when().fileName()));
            }
        }
        return Responsibility.UNKNOWN;
    }
}
