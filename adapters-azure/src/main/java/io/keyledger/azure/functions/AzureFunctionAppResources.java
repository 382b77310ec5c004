package io.keyledger.azure.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import io.keyledger.azure.eventgrid.EventGridAlertSink;
import io.keyledger.azure.keyvault.AzureSweepScopes;
import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.azure.tables.TablesSettings;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The production resources of a function app instance: the real SDK clients, built once each, when a
 * function first asks for them (while the functions are built). Building a client does no network I/O:
 * every client authenticates as the app's user-assigned managed identity ({@code AZURE_CLIENT_ID}) through
 * {@code DefaultAzureCredential}, whose tokens are fetched at the first call; a connection string set instead
 * (local runs on Azurite) is used as it is.
 *
 * <ul>
 *   <li>{@link #store()}: the Azure Tables store ({@link io.keyledger.azure.tables.TablesInventoryStore}) on
 *       Storage tables or Cosmos DB for Table, as {@link FunctionAppSettings#tables()} says, retaining in that
 *       service's way;</li>
 *   <li>{@link #vaultScopes()}: the scope discovery and the Key Vault key sources ({@link AzureSweepScopes}),
 *       on {@link FunctionAppSettings#sweep()}, paced on this instance's clock;</li>
 *   <li>{@link #sweepQueue()} and the alert topic's sink.</li>
 * </ul>
 */
public final class AzureFunctionAppResources implements FunctionAppResources {

    private final FunctionAppSettings settings;
    private final Clock clock;
    private final Once<TokenCredential> credential;
    private final HttpClient sweepHttp;
    private final Sleeper sleeper;
    private final Once<QueueClient> sweepQueue = new Once<>(this::buildSweepQueue);
    private final Once<InventoryStore> store = new Once<>(this::buildStore);
    private final Once<VaultScopes> vaultScopes = new Once<>(this::buildVaultScopes);

    /**
     * @param identity  the credential every client authenticates with (built at its first use)
     * @param sweepHttp the HTTP client the sweep sends through to Resource Manager and the vaults
     * @param sleeper   how the sweep waits out throttling
     */
    public AzureFunctionAppResources(FunctionAppSettings settings, Clock clock, Supplier<TokenCredential> identity,
                                     HttpClient sweepHttp, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.credential = new Once<>(Objects.requireNonNull(identity, "identity"));
        this.sweepHttp = Objects.requireNonNull(sweepHttp, "sweepHttp");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The resources of the environment the Functions host started the worker with: the instance's clock is the
     * assembly's one system clock, the identity the app's managed identity, the sweep's HTTP client azure-core's
     * default, and waits are slept on threads.
     */
    public static AzureFunctionAppResources fromEnvironment(Map<String, String> env) {
        FunctionAppSettings settings = FunctionAppSettings.fromEnvironment(env);
        return new AzureFunctionAppResources(settings, CoreServices.systemClock(), () -> {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            settings.clientId().ifPresent(builder::managedIdentityClientId);
            return builder.build();
        }, HttpClient.createDefault(), Sleeper.threads());
    }

    @Override
    public FunctionAppSettings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public InventoryStore store() {
        return store.get();
    }

    @Override
    public List<AlertSink> alertSinks() {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        settings.alertTopic().ifPresent(topic -> sinks.add(new EventGridAlertSink(
                new EventGridPublisherClientBuilder().endpoint(topic.toString()).credential(credential.get())
                        .buildCloudEventPublisherClient(), topic.getHost())));
        return sinks;
    }

    @Override
    public VaultScopes vaultScopes() {
        return vaultScopes.get();
    }

    @Override
    public QueueClient sweepQueue() {
        return sweepQueue.get();
    }

    /** The managed identity's credential, for the clients built from this module's other packages. */
    public TokenCredential credential() {
        return credential.get();
    }

    /** By the queue's connection string when one is set (local runs), else by its service URI as the identity. */
    private QueueClient buildSweepQueue() {
        QueueClientBuilder builder = new QueueClientBuilder().queueName(settings.requireSweepQueue())
                // the queue trigger reads base64 (host.json's default messageEncoding)
                .messageEncoding(QueueMessageEncoding.BASE64);
        if (settings.queueConnection().isPresent()) {
            return builder.connectionString(settings.queueConnection().get()).buildClient();
        }
        return builder.endpoint(settings.queueServiceUri().orElseThrow(() -> new SettingsException(
                        FunctionAppSettings.QUEUE_SERVICE_URI + " is not set (nor " + FunctionAppSettings.QUEUES_CONNECTION
                                + "): no sweep queue")).toString())
                .credential(credential.get()).buildClient();
    }

    /** The Tables store where the settings say, retaining as they say; the tables exist (the deployment made them). */
    private InventoryStore buildStore() {
        TablesSettings tables = settings.requireTables();
        Optional<TokenCredential> identity = tables.connectionString().isPresent() ? Optional.empty()
                : Optional.of(credential.get());
        return tables.store(tables.client(identity), clock);
    }

    /** Discovery and the key sources, on one credential and HTTP client. */
    private VaultScopes buildVaultScopes() {
        return new AzureSweepScopes(settings.sweep(), credential.get(), sweepHttp, clock, sleeper, new Random());
    }
}
