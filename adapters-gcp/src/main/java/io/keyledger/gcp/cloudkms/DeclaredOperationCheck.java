package io.keyledger.gcp.cloudkms;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/**
 * Refuses, before it is sent, any request of a sweep's Google client whose gRPC method has no row in
 * {@link GcpSweepOperation}: the deployment grants only the declared permissions, so an undeclared method would be
 * denied in production and pass every test. Every client {@link GcpClients} builds carries one.
 */
public final class DeclaredOperationCheck implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (GcpSweepOperation.ofGrpcMethod(method.getFullMethodName()).isEmpty()) {
            throw new UndeclaredOperationException(method.getFullMethodName());
        }
        return next.newCall(method, options);
    }
}
