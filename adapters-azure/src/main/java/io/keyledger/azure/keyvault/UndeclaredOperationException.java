package io.keyledger.azure.keyvault;

/**
 * A sweep was about to send a request that {@link AzureSweepOperation} does not declare. It is a fault of the
 * code, not of the subscription: the deployment grants only declared operations.
 */
public final class UndeclaredOperationException extends IllegalStateException {

    public UndeclaredOperationException(AzureSweepOperation.Plane plane, String method, String path) {
        super(method + " " + path + " (" + plane + ") is not among the operations a sweep declares "
                + "(AzureSweepOperation): declare it there, so that the deployment grants its permission");
    }
}
