package io.keyledger.core.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key a partner holds, as its signed feed listed it: an upstream provider's or a downstream customer's
 * key, recorded beside the tenant's inventory and never in it. What the partner's feed said is kept as it
 * said it; who is responsible for the key, from the tenant's side, is the partner.
 *
 * @param partner          the configured partner whose feed listed the key
 * @param keyId            the key's id as the partner names it (its CBOM {@code bom-ref})
 * @param name             the key's name in the feed
 * @param state            the lifecycle state the feed gives (CycloneDX: {@code active}, {@code deactivated}, ...),
 *                         or {@code unknown}
 * @param algorithm        the algorithm the feed names, or {@code unknown}
 * @param provider         where the partner keeps it (a provider code the feed names), if it says
 * @param responsibleParty who answers for the key from the tenant's side: the partner, as configured
 * @param statedParty      the responsible party the partner's own feed names, from its side, if it names one
 * @param feedId           the feed the key was last listed in
 * @param feedGeneratedAt  when the partner generated that feed
 * @param recordedAt       when this tenant recorded it
 */
public record PartnerKey(String partner, String keyId, String name, String state, String algorithm,
                         Optional<String> provider, String responsibleParty, Optional<String> statedParty,
                         String feedId, Instant feedGeneratedAt, Instant recordedAt) {

    public PartnerKey {
        requireText(partner, "partner");
        requireText(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        requireText(state, "state");
        requireText(algorithm, "algorithm");
        Objects.requireNonNull(provider, "provider");
        requireText(responsibleParty, "responsibleParty");
        Objects.requireNonNull(statedParty, "statedParty");
        requireText(feedId, "feedId");
        Objects.requireNonNull(feedGeneratedAt, "feedGeneratedAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
    }
}
