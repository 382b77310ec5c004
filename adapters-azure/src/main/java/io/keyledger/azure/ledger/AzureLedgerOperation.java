package io.keyledger.azure.ledger;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Azure operation the ledger's Azure side sends, in one table, with what it is for: signing with the Key
 * Vault ledger key ({@link KeyVaultSigner}) and reading its public key. The ledger's Key Vault client refuses a
 * request without a row ({@link LedgerOperations}), and the deployment (module {@code infra}) grants each function
 * the rows of its purposes on the ledger key alone: a writer of the store is never granted {@link Purpose#SIGN}.
 * Nothing here may touch the Azure SDK: the deployment's checks read this table.
 */
public enum AzureLedgerOperation {
    /** {@code POST /keys/<name>[/<version>]/sign} with {@code ES256}. */
    SIGN(Purpose.SIGN, "Sign", "POST", "/keys/[^/]+(/[0-9a-fA-F]{32})?/sign",
            "Microsoft.KeyVault/vaults/keys/sign/action", "sign"),
    /** The ledger key's public JWK (the SDK's cryptography client reads it too before it signs). */
    GET_KEY(Purpose.VERIFY, "GetKey", "GET", "/keys/[^/]+(/[0-9a-fA-F]{32})?/?",
            "Microsoft.KeyVault/vaults/keys/read", "get");

    /** What an operation is sent for; each function is granted the purposes its role has. */
    public enum Purpose {
        /** Signing checkpoints, purge attestations and segments: the signing and maintenance functions only. */
        SIGN,
        /** Verifying: the ledger key's public key. */
        VERIFY
    }

    private final Purpose purpose;
    private final String method;
    private final Pattern path;
    private final ApiOperation operation;
    private final String keyPermission;

    AzureLedgerOperation(Purpose purpose, String name, String method, String path, String dataAction,
                         String keyPermission) {
        this.purpose = purpose;
        this.method = method;
        this.path = Pattern.compile(path, Pattern.CASE_INSENSITIVE);
        this.operation = new ApiOperation(Provider.AZURE, "Microsoft.KeyVault/vaults", name, dataAction, true);
        this.keyPermission = keyPermission;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** The operation and the RBAC data action it needs on the ledger key. */
    public ApiOperation operation() {
        return operation;
    }

    /** The key permission an access policy grants for it, on a vault that uses access policies. */
    public String keyPermission() {
        return keyPermission;
    }

    /** Whether a request of {@code requestMethod} to {@code requestPath} is this operation. */
    public boolean matches(String requestMethod, String requestPath) {
        return method.equalsIgnoreCase(requestMethod) && path.matcher(requestPath).matches();
    }

    /** The rows of these purposes, in the table's order. */
    public static List<AzureLedgerOperation> of(List<Purpose> purposes) {
        return Arrays.stream(values()).filter(o -> purposes.contains(o.purpose)).toList();
    }

    /** The row of a request to the ledger key's vault, if the ledger declares it. */
    public static Optional<AzureLedgerOperation> find(String method, String path) {
        return Arrays.stream(values()).filter(o -> o.matches(method, path)).findFirst();
    }
}
