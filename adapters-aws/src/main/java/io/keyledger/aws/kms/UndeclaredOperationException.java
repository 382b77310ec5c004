package io.keyledger.aws.kms;

/**
 * A sweep was about to send an operation that {@link AwsSweepOperation} does not declare. It is a fault of the
 * code, not of the account: the deployment grants only declared operations.
 */
public final class UndeclaredOperationException extends IllegalStateException {

    private final String service;
    private final String operation;

    public UndeclaredOperationException(String service, String operation) {
        super(service + " " + operation + " is not among the operations a sweep declares (AwsSweepOperation): "
                + "declare it there, so that the deployments grant " + service + ":" + operation);
        this.service = service;
        this.operation = operation;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }
}
