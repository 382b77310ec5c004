package io.keyledger.infra.azure;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operations the Azure sweep sends, as the deployment grants them. The Key Vault key source and its
 * discovery declare their operations themselves ({@code io.keyledger.azure.keyvault.AzureSweepOperation});
 * until that declaration is part of this build, {@link #UNTIL_KEY_SOURCE_DECLARES} stands for it, here and
 * nowhere else, and {@link #operations()} is what everything derives from: sweep-permissions.json, and so
 * the custom role of infra/azure/modules/sweep-role.bicep. With the declaration in the build,
 * {@link #operations()} returns it and the list goes.
 */
public final class DeclaredSweepOperations {

    /** Resource Manager: the subscriptions (alone, or a management group's), their vaults and managed HSMs. */
    private static final String ARM = "Microsoft.Resources";

    public static final List<ApiOperation> UNTIL_KEY_SOURCE_DECLARES = List.of(
            new ApiOperation(Provider.AZURE, ARM, "Subscriptions_Get", "Microsoft.Resources/subscriptions/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.Management", "ManagementGroups_GetDescendants",
                    "Microsoft.Management/managementGroups/descendants/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "Vaults_ListBySubscription",
                    "Microsoft.KeyVault/vaults/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "ManagedHsms_ListBySubscription",
                    "Microsoft.KeyVault/managedHSMs/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "GetKeys",
                    "Microsoft.KeyVault/vaults/keys/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "GetDeletedKeys",
                    "Microsoft.KeyVault/vaults/deletedKeys/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "GetKeyRotationPolicy",
                    "Microsoft.KeyVault/vaults/keyrotationpolicies/read", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "ManagedHsm_GetKeys",
                    "Microsoft.KeyVault/managedHsm/keys/read/action", true),
            new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "ManagedHsm_GetDeletedKeys",
                    "Microsoft.KeyVault/managedHsm/keys/deletedKeys/read/action", true));

    private DeclaredSweepOperations() {
    }

    /** What the sweep declares it sends. */
    public static Set<ApiOperation> operations() {
        return new LinkedHashSet<>(UNTIL_KEY_SOURCE_DECLARES);
    }
}
