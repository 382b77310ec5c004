package io.keyledger.azure.keyvault;

/**
 * How a vault authorises its data plane, as Azure Resource Manager reports it: what a deployment must grant the
 * sweep's identity, and what a denied sweep should tell the operator to fix.
 */
public enum VaultAccessModel {
    /** {@code enableRbacAuthorization: true}: Azure RBAC data actions (a role assignment on the vault). */
    AZURE_RBAC,
    /** {@code enableRbacAuthorization: false} or absent: the vault's access policies (key permissions). */
    ACCESS_POLICIES,
    /** A managed HSM: its own local RBAC (a role assignment made on the HSM's data plane). */
    MANAGED_HSM_LOCAL_RBAC
}
