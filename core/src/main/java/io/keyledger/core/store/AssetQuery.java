package io.keyledger.core.store;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.ResponsibilityParty;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters on the inventory; empty means any, and every given filter must match. Results come in key
 * id order.
 *
 * <p>A store may evaluate some filters natively (an index, a column) and the rest with
 * {@link #matches}; either way a page holds only matching records and {@link #matches} is the
 * definition of what matches.
 *
 * @param account        the key's account scope (AWS account, Azure subscription, Google project)
 * @param algorithm      the normalised algorithm, case-insensitive ("AES-256", "rsa-3072")
 * @param aiUsage        true: keys used by an AI service; false: keys with no AI usage seen
 * @param responsibility the shared-responsibility party
 * @param text           case-insensitive substring of the key id, an alias, a tag key or value, the
 *                       description or the owner
 */
public record AssetQuery(Optional<Provider> provider, Optional<String> account, Optional<LifecycleState> state,
                         Optional<String> owner, Optional<String> algorithm, Optional<Boolean> aiUsage,
                         Optional<ResponsibilityParty> responsibility, Optional<String> text) {

    public static final AssetQuery ALL = new AssetQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AssetQuery {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(aiUsage, "aiUsage");
        Objects.requireNonNull(responsibility, "responsibility");
        Objects.requireNonNull(text, "text");
        text = text.map(t -> t.toLowerCase(Locale.ROOT));
    }

    public AssetQuery withProvider(Provider p) {
        return new AssetQuery(Optional.of(p), account, state, owner, algorithm, aiUsage, responsibility, text);
    }

    public AssetQuery withAccount(String a) {
        return new AssetQuery(provider, Optional.of(a), state, owner, algorithm, aiUsage, responsibility, text);
    }

    public AssetQuery withState(LifecycleState s) {
        return new AssetQuery(provider, account, Optional.of(s), owner, algorithm, aiUsage, responsibility, text);
    }

    public AssetQuery withOwner(String o) {
        return new AssetQuery(provider, account, state, Optional.of(o), algorithm, aiUsage, responsibility, text);
    }

    public AssetQuery withAlgorithm(String a) {
        return new AssetQuery(provider, account, state, owner, Optional.of(a), aiUsage, responsibility, text);
    }

    public AssetQuery withAiUsage(boolean ai) {
        return new AssetQuery(provider, account, state, owner, algorithm, Optional.of(ai), responsibility, text);
    }

    public AssetQuery withResponsibility(ResponsibilityParty r) {
        return new AssetQuery(provider, account, state, owner, algorithm, aiUsage, Optional.of(r), text);
    }

    public AssetQuery withText(String t) {
        return new AssetQuery(provider, account, state, owner, algorithm, aiUsage, responsibility, Optional.of(t));
    }

    /** Whether the record passes every given filter. */
    public boolean matches(CryptoAsset a) {
        return provider.map(p -> p == a.provider()).orElse(true)
                && account.map(x -> x.equals(a.ref().accountScope())).orElse(true)
                && state.map(s -> s == a.state()).orElse(true)
                && owner.map(o -> a.owner().equals(Optional.of(o))).orElse(true)
                && algorithm.map(x -> x.equalsIgnoreCase(a.algorithm())).orElse(true)
                && aiUsage.map(ai -> ai == a.usageContext().aiUsage()).orElse(true)
                && responsibility.map(r -> r == a.responsibility().party()).orElse(true)
                && text.map(t -> containsText(a, t)).orElse(true);
    }

    private static boolean containsText(CryptoAsset a, String needle) {
        return has(a.id(), needle)
                || a.aliases().stream().anyMatch(x -> has(x, needle))
                || a.tags().entrySet().stream().anyMatch(e -> has(e.getKey(), needle) || has(e.getValue(), needle))
                || a.description().map(d -> has(d, needle)).orElse(false)
                || a.owner().map(o -> has(o, needle)).orElse(false);
    }

    private static boolean has(String haystack, String lowerNeedle) {
        return haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
