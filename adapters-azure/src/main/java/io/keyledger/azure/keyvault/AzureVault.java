package io.keyledger.azure.keyvault;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One vault or managed HSM as Azure Resource Manager lists it: one sweep scope.
 *
 * @param subscription      the subscription id, lower case (the scope's account)
 * @param resourceGroup     its resource group
 * @param name              the vault or HSM name, lower case (the scope's location)
 * @param managedHsm        whether it is a managed HSM
 * @param uri               its data-plane endpoint ({@code vaultUri} / {@code hsmUri})
 * @param region            its Azure region
 * @param accessModel       how its data plane authorises callers
 * @param softDeleteDays    how long deleted keys stay recoverable, when the vault says
 * @param purgeProtection   whether purge protection is on (a deleted key cannot be purged before its date)
 */
public record AzureVault(String subscription, String resourceGroup, String name, boolean managedHsm, URI uri,
                         String region, VaultAccessModel accessModel, Optional<Integer> softDeleteDays,
                         boolean purgeProtection) {

    public AzureVault {
        subscription = Objects.requireNonNull(subscription, "subscription").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(uri, "uri");
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("field 'uri': a vault's endpoint is an https URL, not '" + uri + "'");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessModel, "accessModel");
        Objects.requireNonNull(softDeleteDays, "softDeleteDays");
    }

    /** The sweep scope of the vault: (Azure, subscription, vault name). */
    public SweepScope scope() {
        return new SweepScope(Provider.AZURE, subscription, name);
    }

    /** {@code https://<host>} without a trailing slash: what the Key Vault client is built on. */
    public String url() {
        return "https://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** The vault's Resource Manager id. */
    public String resourceId() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.KeyVault/"
                + (managedHsm ? "managedHSMs/" : "vaults/") + name;
    }

    /** The plane of its data-plane operations. */
    public AzureSweepOperation.Plane plane() {
        return managedHsm ? AzureSweepOperation.Plane.MANAGED_HSM : AzureSweepOperation.Plane.VAULT;
    }
}
