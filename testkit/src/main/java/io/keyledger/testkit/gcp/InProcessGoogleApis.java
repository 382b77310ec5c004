package io.keyledger.testkit.gcp;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process gRPC server hosting fakes of Google Cloud APIs, which the real Google clients reach through
 * {@link #channel()} (over the real gRPC and protobuf wire format, within the JVM: no port, no network). Each
 * fake registers its unary methods by their full gRPC name and proto types; a method nobody registered answers
 * UNIMPLEMENTED, as a server without it would. Every call is recorded by method ({@link #calls()}), so that
 * tests can compare what was sent with what was declared.
 */
public final class InProcessGoogleApis implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String name = "google-apis-" + NAMES.incrementAndGet();
    private final Map<String, List<Method<?, ?>>> services = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    private record Method<Q extends Message, R extends Message>(String fullName, Q request, R response,
                                                                Function<Q, R> handler) {
    }

    /**
     * Registers a unary method: {@code fullName} as gRPC names it ({@code google.cloud.kms.v1.KeyManagementService/ListKeyRings}),
     * the request and response types by their default instances, and the handler, which may throw a
     * {@link StatusRuntimeException} to answer an error.
     */
    public synchronized <Q extends Message, R extends Message> InProcessGoogleApis unary(String fullName, Q request,
                                                                                        R response, Function<Q, R> handler) {
        if (server != null) {
            throw new IllegalStateException("register methods before the server starts");
        }
        String service = MethodDescriptor.extractFullServiceName(fullName);
        services.computeIfAbsent(service, s -> new ArrayList<>()).add(new Method<>(fullName, request, response, handler));
        return this;
    }

    /** Starts the server (once). */
    public synchronized InProcessGoogleApis start() {
        if (server == null) {
            InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
            services.forEach((service, methods) -> builder.addService(ServerInterceptors.intercept(
                    definition(service, methods), recorder())));
            try {
                server = builder.build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the in-process server " + name, e);
            }
        }
        return this;
    }

    /** A new channel to the server (closed with it). */
    public synchronized ManagedChannel channel() {
        start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return channel;
    }

    /** Calls received so far, by full method name. */
    public Map<String, Integer> calls() {
        Map<String, Integer> out = new LinkedHashMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The short names ({@code ListKeyRings}) of the methods called so far. */
    public Set<String> calledMethods() {
        Set<String> out = new TreeSet<>();
        calls.keySet().forEach(m -> out.add(m.substring(m.lastIndexOf('/') + 1)));
        return out;
    }

    public void clearCalls() {
        calls.clear();
    }

    /** An error as a Google API answers it: a status and a message. */
    public static StatusRuntimeException error(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    private ServerInterceptor recorder() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                calls.computeIfAbsent(call.getMethodDescriptor().getFullMethodName(), k -> new AtomicInteger())
                        .incrementAndGet();
                return next.startCall(call, headers);
            }
        };
    }

    private static ServerServiceDefinition definition(String service, List<Method<?, ?>> methods) {
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(service);
        methods.forEach(m -> add(b, m));
        return b.build();
    }

    private static <Q extends Message, R extends Message> void add(ServerServiceDefinition.Builder b, Method<Q, R> m) {
        MethodDescriptor<Q, R> descriptor = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(m.fullName())
                .setRequestMarshaller(ProtoUtils.marshaller(m.request()))
                .setResponseMarshaller(ProtoUtils.marshaller(m.response()))
                .build();
        b.addMethod(descriptor, ServerCalls.asyncUnaryCall((request, observer) -> {
            try {
                observer.onNext(m.handler().apply(request));
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            } catch (RuntimeException e) {
                observer.onError(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
            }
        }));
    }

    @Override
    public synchronized void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
