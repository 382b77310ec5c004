package io.keyledger.azure.keyvault;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.PacingPolicy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every Azure API operation a sweep sends, in one table: the Key Vault and Managed HSM data-plane reads of the
 * key source ({@link KeyVaultKeySource}), the Azure Resource Manager reads that list a vault's keys when its data
 * plane denies the sweep, and the calls of the scope discovery ({@link AzureSweepScopes}) that finds the vaults.
 *
 * <p>Each row names the operation as the REST API reference does, the request it is (method and path), the
 * permission its caller needs (an Azure RBAC data action for the data plane, an action for Resource Manager),
 * for vaults on access policies the key permission instead, and the documented request quota it is paced within.
 * Every request of the sweep's clients is matched to its row before it is sent, and one without a row is
 * refused ({@link DeclaredOperations}): a call cannot be added without being declared here. The deployment's role
 * assignments are derived from this table: nothing here may touch the Azure SDK.
 */
public enum AzureSweepOperation {
    // --- Key Vault (vaults), data plane ---
    GET_KEYS(Purpose.READ_KEYS, Plane.VAULT, "GetKeys", "GET", "/keys",
            "Microsoft.KeyVault/vaults/keys/read", "list"),
    GET_KEY_VERSIONS(Purpose.READ_KEYS, Plane.VAULT, "GetKeyVersions", "GET", "/keys/[^/]+/versions",
            "Microsoft.KeyVault/vaults/keys/read", "list"),
    GET_KEY(Purpose.READ_KEYS, Plane.VAULT, "GetKey", "GET", "/keys/[^/]+(/[0-9a-fA-F]{32})?/?",
            "Microsoft.KeyVault/vaults/keys/read", "get"),
    GET_KEY_ROTATION_POLICY(Purpose.READ_KEYS, Plane.VAULT, "GetKeyRotationPolicy", "GET", "/keys/[^/]+/rotationpolicy",
            "Microsoft.KeyVault/vaults/keyrotationpolicies/read", "getrotationpolicy"),
    GET_DELETED_KEYS(Purpose.READ_KEYS, Plane.VAULT, "GetDeletedKeys", "GET", "/deletedkeys",
            "Microsoft.KeyVault/vaults/deletedKeys/read", "list"),
    GET_DELETED_KEY(Purpose.READ_KEYS, Plane.VAULT, "GetDeletedKey", "GET", "/deletedkeys/[^/]+",
            "Microsoft.KeyVault/vaults/deletedKeys/read", "get"),
    // --- Managed HSM, data plane (local RBAC) ---
    HSM_GET_KEYS(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetKeys", "GET", "/keys",
            "Microsoft.KeyVault/managedHsm/keys/read/action", ""),
    HSM_GET_KEY_VERSIONS(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetKeyVersions", "GET", "/keys/[^/]+/versions",
            "Microsoft.KeyVault/managedHsm/keys/read/action", ""),
    HSM_GET_KEY(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetKey", "GET", "/keys/[^/]+(/[0-9a-fA-F]{32})?/?",
            "Microsoft.KeyVault/managedHsm/keys/read/action", ""),
    HSM_GET_KEY_ROTATION_POLICY(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetKeyRotationPolicy", "GET",
            "/keys/[^/]+/rotationpolicy", "Microsoft.KeyVault/managedHsm/keys/read/action", ""),
    HSM_GET_DELETED_KEYS(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetDeletedKeys", "GET", "/deletedkeys",
            "Microsoft.KeyVault/managedHsm/keys/deletedKeys/read/action", ""),
    HSM_GET_DELETED_KEY(Purpose.READ_KEYS, Plane.MANAGED_HSM, "GetDeletedKey", "GET", "/deletedkeys/[^/]+",
            "Microsoft.KeyVault/managedHsm/keys/deletedKeys/read/action", ""),
    // --- Azure Resource Manager: a vault's keys when its data plane denies the sweep ---
    /** Only for a vault whose data plane refused the listing: the keys' metadata through the control plane. */
    ARM_LIST_VAULT_KEYS(Purpose.READ_KEYS, Plane.RESOURCE_MANAGER, "Keys_List", "GET",
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.KeyVault/vaults/[^/]+/keys",
            "Microsoft.KeyVault/vaults/keys/read", ""),
    ARM_LIST_MANAGED_HSM_KEYS(Purpose.READ_KEYS, Plane.RESOURCE_MANAGER, "ManagedHsmKeys_List", "GET",
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.KeyVault/managedHSMs/[^/]+/keys",
            "Microsoft.KeyVault/managedHSMs/keys/read", ""),
    // --- Azure Resource Manager: the scope discovery ---
    /** Only when no subscriptions and no management group are configured. */
    LIST_SUBSCRIPTIONS(Purpose.FIND_SCOPES, Plane.RESOURCE_MANAGER, "Subscriptions_List", "GET", "/subscriptions",
            "Microsoft.Resources/subscriptions/read", ""),
    /** Only when a management group is configured: its subscriptions at any depth. */
    LIST_MANAGEMENT_GROUP_DESCENDANTS(Purpose.FIND_SCOPES, Plane.RESOURCE_MANAGER, "ManagementGroups_GetDescendants",
            "GET", "/providers/Microsoft\\.Management/managementGroups/[^/]+/descendants",
            "Microsoft.Management/managementGroups/descendants/read", ""),
    LIST_VAULTS(Purpose.FIND_SCOPES, Plane.RESOURCE_MANAGER, "Vaults_ListBySubscription", "GET",
            "/subscriptions/[^/]+/providers/Microsoft\\.KeyVault/vaults", "Microsoft.KeyVault/vaults/read", ""),
    LIST_MANAGED_HSMS(Purpose.FIND_SCOPES, Plane.RESOURCE_MANAGER, "ManagedHsms_ListBySubscription", "GET",
            "/subscriptions/[^/]+/providers/Microsoft\\.KeyVault/managedHSMs", "Microsoft.KeyVault/managedHSMs/read", "");

    /** What the sweep sends an operation for. */
    public enum Purpose {
        /** The key source: one vault's keys, versions, rotation policies and deleted keys. */
        READ_KEYS,
        /** The scope discovery: the subscriptions, and each subscription's vaults and managed HSMs. */
        FIND_SCOPES
    }

    /** Which endpoint answers an operation, and so what kind of permission it needs. */
    public enum Plane {
        /** {@code https://<vault>.vault.azure.net}: an RBAC data action, or a key permission of an access policy. */
        VAULT("Microsoft.KeyVault/vaults", true),
        /** {@code https://<hsm>.managedhsm.azure.net}: a data action of Managed HSM's local RBAC. */
        MANAGED_HSM("Microsoft.KeyVault/managedHSMs", true),
        /** {@code https://management.azure.com}: an Azure RBAC action. */
        RESOURCE_MANAGER("", false);

        private final String service;
        private final boolean dataAction;

        Plane(String service, boolean dataAction) {
            this.service = service;
            this.dataAction = dataAction;
        }

        /** Whether the permission is a data action (else a control-plane action). */
        public boolean dataAction() {
            return dataAction;
        }
    }

    private final Purpose purpose;
    private final Plane plane;
    private final String method;
    private final Pattern path;
    private final ApiOperation operation;
    private final Optional<String> keyPermission;

    AzureSweepOperation(Purpose purpose, Plane plane, String name, String method, String path, String permission,
                        String keyPermission) {
        this.purpose = purpose;
        this.plane = plane;
        this.method = method;
        this.path = Pattern.compile(path, Pattern.CASE_INSENSITIVE);
        String service = plane == Plane.RESOURCE_MANAGER ? permission.substring(0, permission.indexOf('/')) : plane.service;
        // Vaults and managed HSMs take their permissions per vault: every row's grant names its resource.
        this.operation = new ApiOperation(Provider.AZURE, service, name, permission, true);
        this.keyPermission = keyPermission.isEmpty() ? Optional.empty() : Optional.of(keyPermission);
    }

    public Purpose purpose() {
        return purpose;
    }

    public Plane plane() {
        return plane;
    }

    /** The operation, the provider's service that answers it, and its RBAC (data) action. */
    public ApiOperation operation() {
        return operation;
    }

    /** The operation's name in the REST API reference ({@code GetKeys}, {@code Vaults_ListBySubscription}). */
    public String operationName() {
        return operation.name();
    }

    /**
     * The key permission an access policy must grant for the operation, on a vault that uses access policies
     * instead of Azure RBAC ({@code list}, {@code get}, {@code getrotationpolicy}); empty off the vault data plane.
     */
    public Optional<String> keyPermission() {
        return keyPermission;
    }

    /**
     * The documented request quota the key source paces the operation within: Key Vault's 4,000 transactions
     * per 10 seconds per vault (RSA 2048 software keys; HSM and larger keys weigh more, see docs/azure/SWEEPS.md),
     * which lists and reads share. Empty for Resource Manager, whose few calls per sweep are retried with backoff
     * when throttled instead.
     */
    public OptionalDouble documentedPerSecond() {
        return plane == Plane.RESOURCE_MANAGER ? OptionalDouble.empty()
                : OptionalDouble.of(PacingPolicy.AZURE_READS_PER_TEN_SECONDS / 10.0);
    }

    /** Whether a request of {@code method} to {@code path} (of this row's plane) is this operation. */
    public boolean matches(String requestMethod, String requestPath) {
        return method.equalsIgnoreCase(requestMethod) && path.matcher(requestPath).matches();
    }

    /** The rows of a plane, in the table's order. */
    public static List<AzureSweepOperation> of(Plane plane) {
        return Arrays.stream(values()).filter(o -> o.plane == plane).toList();
    }

    /** The rows sent for {@code purpose}, in the table's order. */
    public static List<AzureSweepOperation> of(Purpose purpose) {
        return Arrays.stream(values()).filter(o -> o.purpose == purpose).toList();
    }

    /** The row of a request to a plane, if the sweep declares it. */
    public static Optional<AzureSweepOperation> find(Plane plane, String method, String path) {
        return Arrays.stream(values()).filter(o -> o.plane == plane && o.matches(method, path)).findFirst();
    }

    /** The operations of the rows, in the table's order. */
    public static Set<ApiOperation> operations(List<AzureSweepOperation> rows) {
        Set<ApiOperation> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.operation));
        return Collections.unmodifiableSet(out);
    }

    /** Every operation a sweep may send. */
    public static Set<ApiOperation> operations() {
        return operations(List.of(values()));
    }
}
