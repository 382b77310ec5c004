package io.keyledger.gcp.cloudkms;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A channel of the caller's (an in-process fake's, an emulator's) with a check in front of every call: the
 * declared-operation check of the sweep's or the ledger's clients. Shutting the channel down stays the caller's.
 */
public final class CheckedChannel extends ManagedChannel {

    private final ManagedChannel delegate;
    private final Channel checked;

    public CheckedChannel(ManagedChannel delegate, ClientInterceptor check) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.checked = ClientInterceptors.intercept(delegate, Objects.requireNonNull(check, "check"));
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return checked.newCall(method, options);
    }

    @Override
    public String authority() {
        return delegate.authority();
    }

    @Override
    public ManagedChannel shutdown() {
        return this;
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public ManagedChannel shutdownNow() {
        return this;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
