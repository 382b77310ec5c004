package io.keyledger.gcp.cloudkms;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.kms.inventory.v1.KeyTrackingServiceClient;
import com.google.cloud.kms.inventory.v1.KeyTrackingServiceSettings;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.cloud.resourcemanager.v3.FoldersClient;
import com.google.cloud.resourcemanager.v3.FoldersSettings;
import com.google.cloud.resourcemanager.v3.ProjectsClient;
import com.google.cloud.resourcemanager.v3.ProjectsSettings;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Google clients of a sweep: Cloud KMS, KMS Inventory's key tracking, and Resource Manager's projects and
 * folders, each built at its first use and then shared, each refusing any method the sweep does not declare
 * ({@link DeclaredOperationCheck}). Building does no network I/O: credentials are resolved at the first request.
 *
 * <p>The client libraries' own retries are kept for what is transient (UNAVAILABLE, DEADLINE_EXCEEDED); they do
 * not retry RESOURCE_EXHAUSTED, which goes back to the sweep's pacing ({@link CloudKmsKeySource}) instead.
 */
public final class GcpClients implements AutoCloseable {

    private final Optional<CredentialsProvider> credentials;
    private final Optional<ManagedChannel> channel;
    private KeyManagementServiceClient kms;
    private KeyTrackingServiceClient keyTracking;
    private ProjectsClient projects;
    private FoldersClient folders;

    private GcpClients(Optional<CredentialsProvider> credentials, Optional<ManagedChannel> channel) {
        this.credentials = credentials;
        this.channel = channel;
    }

    /** Clients of Google's endpoints, authenticating with {@code credentials} (a function's service account, say). */
    public static GcpClients google(CredentialsProvider credentials) {
        return new GcpClients(Optional.of(Objects.requireNonNull(credentials, "credentials")), Optional.empty());
    }

    /**
     * Clients of Google's endpoints with the Application Default Credentials (a Cloud Run function's service
     * account), scoped to {@code cloud-platform}; resolved at the first request.
     */
    public static GcpClients applicationDefault() {
        return google(KeyManagementServiceSettings.defaultCredentialsProviderBuilder().build());
    }

    /** Clients that send every request over {@code channel}, without credentials: in-process fakes, emulators. */
    public static GcpClients over(ManagedChannel channel) {
        return new GcpClients(Optional.empty(), Optional.of(Objects.requireNonNull(channel, "channel")));
    }

    public synchronized KeyManagementServiceClient kms() {
        if (kms == null) {
            KeyManagementServiceSettings.Builder b = KeyManagementServiceSettings.newBuilder();
            configure(b, KeyManagementServiceSettings.defaultGrpcTransportProviderBuilder());
            kms = create(() -> KeyManagementServiceClient.create(b.build()), "Cloud KMS");
        }
        return kms;
    }

    public synchronized KeyTrackingServiceClient keyTracking() {
        if (keyTracking == null) {
            KeyTrackingServiceSettings.Builder b = KeyTrackingServiceSettings.newBuilder();
            configure(b, KeyTrackingServiceSettings.defaultGrpcTransportProviderBuilder());
            keyTracking = create(() -> KeyTrackingServiceClient.create(b.build()), "KMS Inventory");
        }
        return keyTracking;
    }

    public synchronized ProjectsClient projects() {
        if (projects == null) {
            ProjectsSettings.Builder b = ProjectsSettings.newBuilder();
            configure(b, ProjectsSettings.defaultGrpcTransportProviderBuilder());
            projects = create(() -> ProjectsClient.create(b.build()), "Resource Manager projects");
        }
        return projects;
    }

    public synchronized FoldersClient folders() {
        if (folders == null) {
            FoldersSettings.Builder b = FoldersSettings.newBuilder();
            configure(b, FoldersSettings.defaultGrpcTransportProviderBuilder());
            folders = create(() -> FoldersClient.create(b.build()), "Resource Manager folders");
        }
        return folders;
    }

    private void configure(com.google.api.gax.rpc.ClientSettings.Builder<?, ?> settings,
                           InstantiatingGrpcChannelProvider.Builder google) {
        TransportChannelProvider transport;
        if (channel.isPresent()) {
            transport = FixedTransportChannelProvider.create(GrpcTransportChannel.create(
                    new CheckedChannel(channel.get())));
            settings.setCredentialsProvider(NoCredentialsProvider.create());
        } else {
            transport = google.setInterceptorProvider(() -> List.of(new DeclaredOperationCheck())).build();
            settings.setCredentialsProvider(credentials.orElseThrow());
        }
        settings.setTransportChannelProvider(transport);
    }

    private interface Creation<T> {
        T create() throws IOException;
    }

    private static <T> T create(Creation<T> creation, String what) {
        try {
            return creation.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the " + what + " client", e);
        }
    }

    @Override
    public synchronized void close() {
        List.of(Optional.ofNullable((AutoCloseable) kms), Optional.ofNullable((AutoCloseable) keyTracking),
                Optional.ofNullable((AutoCloseable) projects), Optional.ofNullable((AutoCloseable) folders))
                .forEach(c -> c.ifPresent(GcpClients::closeQuietly));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a client's channel released at close; nothing to report
        }
    }

    /** A channel of the caller's, with the declared-operation check in front; shutting it down is the caller's. */
    private static final class CheckedChannel extends ManagedChannel {
        private final ManagedChannel delegate;
        private final Channel checked;

        CheckedChannel(ManagedChannel delegate) {
            this.delegate = delegate;
            this.checked = ClientInterceptors.intercept(delegate, new DeclaredOperationCheck());
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

}
