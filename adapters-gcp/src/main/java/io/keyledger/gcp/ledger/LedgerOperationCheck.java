package io.keyledger.gcp.ledger;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/**
 * Refuses, before it is sent, any call of the ledger's Cloud KMS client whose gRPC method has no row in
 * {@link GcpLedgerOperation}: the deployment grants only the declared permissions on the ledger key.
 */
public final class LedgerOperationCheck implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (GcpLedgerOperation.ofGrpcMethod(method.getFullMethodName()).isEmpty()) {
            throw new IllegalStateException("the ledger sends " + method.getFullMethodName()
                    + ", which GcpLedgerOperation does not declare: the deployment would deny it");
        }
        return next.newCall(method, options);
    }
}
