package io.keyledger.core.key;

import java.util.Objects;
import java.util.Optional;

/**
 * How a key's owner ({@link CryptoAsset#owner()}) was found.
 *
 * @param declared the owner a person declared through KeyLedger, if any: it wins over tags and the creator
 * @param basis    where the owner comes from
 * @param tag      for {@link OwnerBasis#TAG}, the tag or label key it was read from ({@code Owner}, {@code team})
 */
public record Ownership(Optional<String> declared, OwnerBasis basis, Optional<String> tag) {

    public static final Ownership NONE = new Ownership(Optional.empty(), OwnerBasis.NONE, Optional.empty());

    public Ownership {
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(tag, "tag");
    }

    /** Whether the owner is a guess (the creator), not a statement of the organisation. */
    public boolean inferred() {
        return basis == OwnerBasis.CREATOR;
    }

    public Ownership withDeclared(Optional<String> owner) {
        return new Ownership(owner, basis, tag);
    }
}
