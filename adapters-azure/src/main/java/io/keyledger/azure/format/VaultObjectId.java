package io.keyledger.azure.format;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Key Vault or Managed HSM object identifier, {@code https://<vault>.vault.azure.net/keys/<name>[/<version>]}
 * (or {@code .managedhsm.azure.net}, or a sovereign cloud's suffix), also read from request URIs such as
 * {@code .../keys/<name>/wrapkey?api-version=7.4} and {@code .../deletedkeys/<name>/recover}.
 *
 * @param vault      the vault or HSM name, lower case
 * @param dnsSuffix  what follows the vault name in the host ({@code vault.azure.net}), lower case
 * @param collection {@code keys}, {@code secrets} or {@code certificates} ({@code deleted...} folded in)
 * @param name       the object's name, lower case (Key Vault names are case-insensitive)
 * @param version    the version, when the identifier names one (32 hexadecimal digits)
 */
public record VaultObjectId(String vault, String dnsSuffix, String collection, String name, Optional<String> version) {

    public static final String VAULT_SUFFIX = "vault.azure.net";
    public static final String MANAGED_HSM_SUFFIX = "managedhsm.azure.net";

    private static final Pattern VERSION = Pattern.compile("[0-9a-fA-F]{32}");
    private static final List<String> COLLECTIONS = List.of("keys", "secrets", "certificates");

    /** Reads an identifier or request URI; empty if it names no key, secret or certificate. */
    public static Optional<VaultObjectId> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        String path = uri.getPath();
        if (host == null || path == null || host.indexOf('.') <= 0) {
            return Optional.empty();
        }
        String[] segments = path.replaceFirst("^/+", "").split("/+");
        if (segments.length < 2 || segments[1].isBlank()) {
            return Optional.empty();
        }
        String collection = segments[0].toLowerCase(Locale.ROOT).replaceFirst("^deleted", "");
        if (!COLLECTIONS.contains(collection)) {
            return Optional.empty();
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        int dot = lowerHost.indexOf('.');
        Optional<String> version = segments.length > 2 && VERSION.matcher(segments[2]).matches()
                ? Optional.of(segments[2].toLowerCase(Locale.ROOT)) : Optional.empty();
        return Optional.of(new VaultObjectId(lowerHost.substring(0, dot), lowerHost.substring(dot + 1), collection,
                segments[1].toLowerCase(Locale.ROOT), version));
    }

    /** The object of a vault whose host is not known from a URL (the public cloud's suffix is assumed). */
    public static VaultObjectId inVault(String vault, boolean managedHsm, String collection, String name) {
        return new VaultObjectId(vault.toLowerCase(Locale.ROOT), managedHsm ? MANAGED_HSM_SUFFIX : VAULT_SUFFIX,
                collection, name.toLowerCase(Locale.ROOT), Optional.empty());
    }

    public boolean isKey() {
        return collection.equals("keys");
    }

    public boolean managedHsm() {
        return dnsSuffix.startsWith("managedhsm.");
    }

    /** The key of the same name in the same vault: a certificate's backing key. */
    public VaultObjectId asKey() {
        return new VaultObjectId(vault, dnsSuffix, "keys", name, Optional.empty());
    }

    /**
     * The key store a Managed HSM's keys are in: the pool itself ({@code https://<hsm>.managedhsm.azure.net}),
     * an inventory item of its own. A vault's keys are in no key store.
     */
    public Optional<String> keyStore() {
        return managedHsm() ? Optional.of("https://" + vault + "." + dnsSuffix) : Optional.empty();
    }

    /** {@code https://<vault>.<suffix>/<collection>/<name>}, without the version. */
    public String unversioned() {
        return "https://" + vault + "." + dnsSuffix + "/" + collection + "/" + name;
    }

    /** The KeyLedger identity of this key (KeyRef's Azure convention). */
    public KeyRef keyRef(String subscription) {
        return new KeyRef(Provider.AZURE, subscription.toLowerCase(Locale.ROOT), vault, asKey().unversioned());
    }
}
