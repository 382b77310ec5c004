package io.keyledger.azure.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import io.keyledger.azure.eventgrid.EventGridAlertSink;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The production resources of a function app instance: the real SDK clients, built once each, when a
 * function first asks for them (while the functions are built). Building a client does no network I/O:
 * every client authenticates as the app's user-assigned managed identity ({@code AZURE_CLIENT_ID}) through
 * {@code DefaultAzureCredential}, whose tokens are fetched at the first call.
 *
 * <p>Two parts are built from the classes of the Key Vault and Tables packages of this module:
 * {@link #store()} (the Azure Tables store) and {@link #vaultScopes()} (discovery and the Key Vault key
 * source). Until those are in this build, both say so when asked, and the functions that need them fail
 * to build with that message; the others work.
 */
public final class AzureFunctionAppResources implements FunctionAppResources {

    private final FunctionAppSettings settings;
    private final Clock clock;
    private final Once<TokenCredential> credential;
    private final Once<QueueClient> sweepQueue = new Once<>(this::buildSweepQueue);
    private final Once<InventoryStore> store = new Once<>(this::buildStore);
    private final Once<VaultScopes> vaultScopes = new Once<>(this::buildVaultScopes);

    public AzureFunctionAppResources(FunctionAppSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // An instance's clock is the assembly's one system clock; everything below takes it.
        this.clock = CoreServices.systemClock();
        this.credential = new Once<>(() -> {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            settings.clientId().ifPresent(builder::managedIdentityClientId);
            return builder.build();
        });
    }

    /** The resources of the environment the Functions host started the worker with. */
    public static AzureFunctionAppResources fromEnvironment(Map<String, String> env) {
        return new AzureFunctionAppResources(FunctionAppSettings.fromEnvironment(env));
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

    private QueueClient buildSweepQueue() {
        return new QueueClientBuilder()
                .endpoint(settings.requireQueueServiceUri().toString())
                .queueName(settings.requireSweepQueue())
                .credential(credential.get())
                // the queue trigger reads base64 (host.json's default messageEncoding)
                .messageEncoding(QueueMessageEncoding.BASE64)
                .buildClient();
    }

    private InventoryStore buildStore() {
        settings.requireTablesEndpoint();
        throw new SettingsException("the Azure Tables store (io.keyledger.azure.tables.TablesInventoryStore) is not "
                + "part of this build: no inventory store for " + FunctionAppSettings.TABLES_ENDPOINT);
    }

    private VaultScopes buildVaultScopes() {
        throw new SettingsException("the Key Vault key source (io.keyledger.azure.keyvault.AzureSweepScopes) is not "
                + "part of this build: no vault can be swept");
    }
}
