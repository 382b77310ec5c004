package io.keyledger.gcp.ledger;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import io.grpc.ManagedChannel;
import io.keyledger.gcp.cloudkms.CheckedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger's Cloud KMS client, built at its first use and then shared, refusing any method the ledger does not
 * declare ({@link LedgerOperationCheck}). Building it does no I/O: credentials are resolved at the first call.
 */
public final class LedgerKms implements AutoCloseable {

    private final Optional<CredentialsProvider> credentials;
    private final Optional<ManagedChannel> channel;
    private KeyManagementServiceClient client;

    private LedgerKms(Optional<CredentialsProvider> credentials, Optional<ManagedChannel> channel) {
        this.credentials = credentials;
        this.channel = channel;
    }

    /** Cloud KMS at Google, with the Application Default Credentials (the function's service account). */
    public static LedgerKms applicationDefault() {
        return new LedgerKms(Optional.of(KeyManagementServiceSettings.defaultCredentialsProviderBuilder().build()),
                Optional.empty());
    }

    /** Cloud KMS over {@code channel}, without credentials: an in-process fake. */
    public static LedgerKms over(ManagedChannel channel) {
        return new LedgerKms(Optional.empty(), Optional.of(Objects.requireNonNull(channel, "channel")));
    }

    public synchronized KeyManagementServiceClient client() {
        if (client == null) {
            KeyManagementServiceSettings.Builder b = KeyManagementServiceSettings.newBuilder();
            if (channel.isPresent()) {
                b.setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(
                        new CheckedChannel(channel.get(), new LedgerOperationCheck()))));
                b.setCredentialsProvider(NoCredentialsProvider.create());
            } else {
                b.setTransportChannelProvider(KeyManagementServiceSettings.defaultGrpcTransportProviderBuilder()
                        .setInterceptorProvider(() -> List.of(new LedgerOperationCheck())).build());
                b.setCredentialsProvider(credentials.orElseThrow());
            }
            try {
                client = KeyManagementServiceClient.create(b.build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the ledger's Cloud KMS client", e);
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
