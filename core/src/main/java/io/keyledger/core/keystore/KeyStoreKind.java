package io.keyledger.core.keystore;

/** What holds a key's material outside the provider's shared key management service. */
public enum KeyStoreKind {
    /** An AWS KMS custom key store backed by an AWS CloudHSM cluster. */
    AWS_CLOUDHSM,
    /** An AWS KMS external key store (XKS): the material stays in the customer's HSM, behind a proxy. */
    AWS_EXTERNAL_KEY_STORE,
    /** An Azure Key Vault Managed HSM pool. */
    AZURE_MANAGED_HSM,
    /** A Google Cloud HSM single-tenant instance. */
    GCP_SINGLE_TENANT_HSM,
    /** A Google Cloud EKM connection to an external key manager. */
    GCP_EKM_CONNECTION,
    /** Not told yet. */
    UNKNOWN;

    /**
     * The kind of the store a key names as its key store, from what the key's record says: an AWS key
     * in an external key store is protected externally, one in a CloudHSM key store by an HSM; an Azure
     * key store is a Managed HSM pool; a Google one is named by its resource name.
     */
    public static KeyStoreKind of(io.keyledger.core.key.Provider provider, String nativeId,
                                  io.keyledger.core.key.ProtectionLevel protection) {
        return switch (provider) {
            case AWS -> switch (protection) {
                case EXTERNAL -> AWS_EXTERNAL_KEY_STORE;
                case HSM -> AWS_CLOUDHSM;
                default -> UNKNOWN;
            };
            case AZURE -> AZURE_MANAGED_HSM;
            case GCP -> nativeId.contains("/singleTenantHsmInstances/") ? GCP_SINGLE_TENANT_HSM
                    : nativeId.contains("/ekmConnections/") ? GCP_EKM_CONNECTION : UNKNOWN;
        };
    }
}
