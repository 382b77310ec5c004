package io.keyledger.azure.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Azure Resource Manager resource id,
 * {@code /subscriptions/<sub>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<type>/<name>...]},
 * read case-insensitively (diagnostic logs write it in upper case).
 *
 * @param subscription the subscription id, lower case
 * @param namespace    the resource provider, lower case ({@code microsoft.keyvault}); empty for a bare subscription
 * @param types        resource types from the top down, lower case ({@code vaults}, {@code keys})
 * @param names        the names that go with them, lower case
 */
public record ResourceId(String subscription, String namespace, List<String> types, List<String> names, String text) {

    public ResourceId {
        types = List.copyOf(types);
        names = List.copyOf(names);
        text = text == null ? "" : text;
    }

    public ResourceId(String subscription, String namespace, List<String> types, List<String> names) {
        this(subscription, namespace, types, names, "");
    }

    /**
     * The resource a use protects, when the managed identity that called is the resource's own (a storage
     * account, a SQL server, a Cosmos DB account): not a user-assigned identity, which many resources share.
     */
    public Optional<String> protectedResource() {
        boolean userAssigned = namespace.equals("microsoft.managedidentity");
        return text.isEmpty() || userAssigned || isKeyVault() ? Optional.empty() : Optional.of(text);
    }

    public static Optional<ResourceId> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String text = "/" + id.trim().replaceFirst("^/+", "").replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        String[] s = id.trim().replaceFirst("^/+", "").split("/+");
        if (s.length < 2 || !s[0].equalsIgnoreCase("subscriptions") || s[1].isBlank()) {
            return Optional.empty();
        }
        String subscription = s[1].toLowerCase(Locale.ROOT);
        int i = 2;
        while (i < s.length && !s[i].equalsIgnoreCase("providers")) {
            i++;
        }
        if (i + 1 >= s.length) {
            return Optional.of(new ResourceId(subscription, "", List.of(), List.of(), text));
        }
        String namespace = s[i + 1].toLowerCase(Locale.ROOT);
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = i + 2; j + 1 < s.length; j += 2) {
            types.add(s[j].toLowerCase(Locale.ROOT));
            names.add(s[j + 1].toLowerCase(Locale.ROOT));
        }
        return Optional.of(new ResourceId(subscription, namespace, types, names,
                text.length() <= 512 && !text.contains(",") ? text : ""));
    }

    /** {@code microsoft.storage/storageaccounts}: the namespace and top-level type. */
    public String resourceType() {
        return types.isEmpty() ? namespace : namespace + "/" + types.get(0);
    }

    /** A Key Vault vault or Managed HSM. */
    public boolean isKeyVault() {
        return namespace.equals("microsoft.keyvault") && !types.isEmpty()
                && (types.get(0).equals("vaults") || types.get(0).equals("managedhsms"));
    }

    public boolean managedHsm() {
        return isKeyVault() && types.get(0).equals("managedhsms");
    }

    /** The vault or HSM name, when this is a Key Vault resource. */
    public Optional<String> vault() {
        return isKeyVault() ? Optional.of(names.get(0)) : Optional.empty();
    }

    /** The key this resource id names ({@code .../vaults/<v>/keys/<k>[/versions/<ver>]}), if any. */
    public Optional<VaultObjectId> key() {
        if (!isKeyVault() || types.size() < 2 || !types.get(1).equals("keys")) {
            return Optional.empty();
        }
        VaultObjectId key = VaultObjectId.inVault(names.get(0), managedHsm(), "keys", names.get(1));
        if (types.size() > 2 && types.get(2).equals("versions")) {
            return Optional.of(new VaultObjectId(key.vault(), key.dnsSuffix(), key.collection(), key.name(),
                    Optional.of(names.get(2))));
        }
        return Optional.of(key);
    }
}
