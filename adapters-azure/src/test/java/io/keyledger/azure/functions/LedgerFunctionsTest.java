package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import io.keyledger.azure.ledger.QueueCheckpointRequests;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's signing split between the two apps of a deployment, on Azurite's Queue service: the writers' app
 * verifies with the ledger key's public key and asks for its checkpoints on the checkpoint queue, and can neither
 * sign nor purge; the signing app's {@code signCheckpoints} signs each tenant's head when asked, on the same store.
 */
class LedgerFunctionsTest {

    private static final String KEY_ID = "https://keyledger-kv.vault.azure.net/keys/ledger/" + "a".repeat(32);
    @RegisterExtension
    static final EmulatorPerClass<Azurite> azurite = EmulatorPerClass.of(Azurite::start);

    private static Map<String, String> env(boolean signs) {
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.LEDGER_KEY_ID, KEY_ID);
        env.put(FunctionAppSettings.CHECKPOINT_QUEUE, "keyledger-checkpoints");
        if (signs) {
            env.put(FunctionAppSettings.LEDGER_SIGNS, "true");
        }
        return env;
    }

    @Test
    void theWritersAskForCheckpointsAndOnlyTheSigningAppSigns() throws Exception {
        MemorySigner key = MemorySigner.create();
        QueueClient queue = azurite.get().queue("checkpoints-" + System.nanoTime());
        LedgerSettings writers = LedgerSettings.NONE.trusting(List.of(key.publicKey()))
                .withRequests(new QueueCheckpointRequests(queue));
        List<QueueMessageItem> requests;
        InMemoryInventoryStore store;
        // one app at a time: the worker holds one instance of the functions
        try (FunctionApp writer = FunctionApp.withLedger(env(false), writers, Optional.empty())) {
            store = writer.memory;
            for (String event : EventGridFunctionsTest.events("eventgrid-schema.json")) {
                writer.functions.ingestEventGrid(event, FunctionApp.context(AzureFunctionNames.INGEST_EVENT_GRID));
            }
            requests = Azurite.receive(queue, 32, Duration.ofMinutes(5));
            assertThat(requests).isNotEmpty().allSatisfy(m -> assertThat(QueueCheckpointRequests.tenantOf(
                    m.getBody().toString())).isEqualTo("acme"));
            assertThat(store.latestCheckpoint("acme")).as("the writers never sign").isEmpty();
            String request = requests.get(0).getBody().toString();
            assertThatThrownBy(() -> writer.functions.signCheckpoints(request,
                    FunctionApp.context(AzureFunctionNames.SIGN_CHECKPOINTS)))
                    .hasMessageContaining("runs in the signing app");
            assertThatThrownBy(() -> writer.functions.purgeExpired("", FunctionApp.context(AzureFunctionNames.PURGE_EXPIRED)))
                    .hasMessageContaining("runs in the signing app");
        }

        try (FunctionApp signer = FunctionApp.withLedger(env(true), LedgerSettings.NONE.signedBy(key), Optional.of(store))) {
            FunctionsContext context = FunctionApp.context(AzureFunctionNames.SIGN_CHECKPOINTS);
            signer.functions.signCheckpoints(requests.get(0).getBody().toString(), context);

            Checkpoint signed = store.latestCheckpoint("acme").orElseThrow();
            assertThat(signed.verifiesWith(key.publicKey())).isTrue();
            assertThat(signed.sequence()).isEqualTo(store.ledgerHead("acme").sequence());
            assertThat(context.lines(Level.INFO)).anySatisfy(l -> assertThat(l).contains("tenant acme"));
            assertThatThrownBy(() -> signer.functions.signCheckpoints("{}",
                    FunctionApp.context(AzureFunctionNames.SIGN_CHECKPOINTS))).hasMessageContaining("names no tenant");
        }
    }

    @Test
    void signingNeedsTheKeySetting() {
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.LEDGER_SIGNS, "true");
        assertThatThrownBy(() -> FunctionAppSettings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessageContaining(FunctionAppSettings.LEDGER_KEY_ID + " is not set");
        env.put(FunctionAppSettings.LEDGER_KEY_ID, "https://keyledger-kv.vault.azure.net/keys/ledger");
        assertThatThrownBy(() -> FunctionAppSettings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("versioned identifier");
    }
}
