package io.keyledger.gcp.cloudkms;

/**
 * A sweep client was about to send a gRPC method that {@link GcpSweepOperation} does not declare: the deployment
 * would not grant it, so the code that sends it is wrong, and the request is refused before it is sent.
 */
public class UndeclaredOperationException extends IllegalStateException {

    public UndeclaredOperationException(String grpcMethod) {
        super("the sweep does not declare the Google API method " + grpcMethod
                + ": add its row (and IAM permission) to GcpSweepOperation before sending it");
    }
}
