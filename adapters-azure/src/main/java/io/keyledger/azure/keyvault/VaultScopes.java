package io.keyledger.azure.keyvault;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SweepScope;
import java.util.List;
import java.util.Map;

/**
 * The Azure scopes a sweep covers, one per Key Vault or Managed HSM ({@code azure:<subscription>:<vault>}),
 * and the live key source of each: what the sweep functions need of the Key Vault key source, and no more.
 * {@link AzureSweepScopes} is the implementation: discovery reads Azure Resource Manager (the configured
 * subscriptions, or a management group's); a key source reads one vault's data plane. Building either does no
 * network I/O.
 */
public interface VaultScopes {

    /** The vaults found, one scope each in the order listed, and the subscriptions whose vaults could not be listed (with why). */
    record ScopeListing(List<SweepScope> scopes, Map<String, String> unreachableSubscriptions) {
        public ScopeListing {
            scopes = List.copyOf(scopes);
            unreachableSubscriptions = Map.copyOf(unreachableSubscriptions);
        }
    }

    /** Every vault and managed HSM of the configured subscriptions (or management group). */
    ScopeListing scopes();

    /** The vaults and managed HSMs of these subscriptions; one whose vaults cannot be listed is reported. */
    ScopeListing scopesOf(List<String> subscriptions);

    /** The paced key source of one vault. */
    KeySource keySource(SweepScope scope);
}
