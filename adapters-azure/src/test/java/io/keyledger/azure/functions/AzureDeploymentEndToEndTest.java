package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueMessageItem;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import io.keyledger.azure.keyvault.AzureSweepOperation;
import io.keyledger.azure.tables.InventoryTables;
import io.keyledger.azure.tables.TablesInventoryStore;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.FakeAzure;
import io.keyledger.testkit.azure.FakeVault;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.azure.FunctionsHttpRequest;
import io.keyledger.testkit.azure.FunctionsHttpResponse;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The function app as deployed, end to end, with nothing in memory and nothing faked above the wire: the
 * production resources ({@link AzureFunctionAppResources}) built from app settings, the Tables store and the sweep
 * queue on Azurite (one emulator, as one Storage account serves both), the Key Vault key source and its discovery
 * over TLS to the testkit's Key Vault and Resource Manager fakes. The timer fans the vaults out over the queue, the
 * queue trigger sweeps each vault with the real {@code KeyClient} into the Tables store (a vault cut short by
 * throttling queues its follow-up, which the next invocation resumes), and the admin API reads the keys back.
 */
class AzureDeploymentEndToEndTest {

    static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String API = "https://keyledger-fn.azurewebsites.net/api/keyledger";
    static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");

    private static final AtomicInteger RUNS = new AtomicInteger();
    @RegisterExtension
    static final EmulatorPerClass<Azurite> azurite = EmulatorPerClass.of(Azurite::start);
    private static TableServiceClient tables;

    private final MutableClock clock = MutableClock.at("2026-11-28T02:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final FakeAzure azure = new FakeAzure(TENANT_ID);
    private String tableName;
    private QueueClient queue;
    private KeyLedgerAzureConfiguration.ResourcesOverride override;
    private KeyLedgerFunctions functions;
    private AzureFunctionAppResources resources;

    @BeforeAll
    static void tableClient() {
        tables = new TableServiceClientBuilder().connectionString(azurite.get().connectionString()).buildClient();
    }

    /** A deployment's settings, with Azurite's connection string where Azure has the identity's endpoints. */
    private Map<String, String> settings() {
        int run = RUNS.incrementAndGet();
        tableName = "deployment" + run;
        String queueName = "keyledger-sweep-" + run;
        // as the template does: the tables and the queue exist before the app starts
        InventoryTables.named(tableName).ensure(tables);
        queue = azurite.get().queue(queueName);
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.SWEEP_QUEUE, queueName);
        env.put(FunctionAppSettings.QUEUES_CONNECTION, azurite.get().connectionString());
        env.put(FunctionAppSettings.TABLES_CONNECTION, azurite.get().connectionString());
        env.put(FunctionAppSettings.TABLE, tableName);
        env.put(FunctionAppSettings.SUBSCRIPTIONS, FunctionApp.SUBSCRIPTION + "," + FunctionApp.OTHER_SUBSCRIPTION);
        env.put(FunctionAppSettings.FOLLOW_UP_DELAY, "PT0S");
        return env;
    }

    @BeforeEach
    void start() {
        FunctionAppSettings settings = FunctionAppSettings.fromEnvironment(settings());
        resources = new AzureFunctionAppResources(settings, clock, azure::credential, azure.httpClient(), sleeper);
        override = KeyLedgerAzureConfiguration.overrideResources(() -> resources);
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class).findFirst().orElseThrow();
        try {
            functions = injector.getInstance(KeyLedgerFunctions.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() {
        KeyLedgerFunctionInjector.reset();
        override.close();
        azure.close();
    }

    /** Two subscriptions: acme's vault (paged two keys at a time) and managed HSM, globex's vault that denies its data plane. */
    private FakeVault organisation() {
        azure.subscription(FunctionApp.SUBSCRIPTION, "prod", Optional.empty());
        azure.subscription(FunctionApp.OTHER_SUBSCRIPTION, "globex", Optional.empty());
        FakeVault kv = azure.vault(FunctionApp.SUBSCRIPTION, "rg-keys", "contoso-kv").pageSize(2);
        kv.addKey("payments-cmk", CREATED).tag("Owner", "payments").rotatesEvery("P90D");
        kv.addKey("orders-cmk", CREATED).newVersion(CREATED.plusSeconds(86_400));
        kv.addKey("signing", CREATED).ec("P-384", false);
        kv.addKey("retired", CREATED);
        kv.delete("retired", CREATED.plusSeconds(3600));
        azure.managedHsm(FunctionApp.SUBSCRIPTION, "rg-keys", "contoso-mhsm").addKey("ml-artifacts", CREATED).oct(256);
        azure.vault(FunctionApp.OTHER_SUBSCRIPTION, "rg-globex", "globex-kv").accessPolicies().denyDataPlane()
                .addKey("billing", CREATED);
        return kv;
    }

    private static FunctionsContext context(String function) {
        return FunctionApp.context(function);
    }

    /** Runs the queue trigger on each visible message, deleting those handled, as the host does; what it logged. */
    private List<String> drain(List<String> warnings) {
        List<String> logged = new ArrayList<>();
        for (List<QueueMessageItem> batch = Azurite.receive(queue, 32, Duration.ofMinutes(5)); !batch.isEmpty();
             batch = Azurite.receive(queue, 32, Duration.ofMinutes(5))) {
            for (QueueMessageItem m : batch) {
                FunctionsContext context = context(AzureFunctionNames.SWEEP_VAULT);
                functions.sweepVault(m.getBody().toString(), m.getMessageId(), m.getDequeueCount(), context);
                queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
                logged.addAll(context.lines(Level.INFO));
                warnings.addAll(context.lines(Level.WARNING));
            }
        }
        return logged;
    }

    private JsonNode get(String path, String objectId) throws Exception {
        FunctionsHttpResponse response = FunctionsHttpResponse.of(functions.adminApi(FunctionsHttpRequest.get(API + path)
                .header("X-MS-CLIENT-PRINCIPAL", AdminApiFunctionTest.clientPrincipal(objectId)),
                context(AzureFunctionNames.ADMIN_API)));
        assertThat(response.getStatusCode()).as(path + ": " + response.text()).isEqualTo(200);
        return Json.mapper().readTree(response.text());
    }

    private static String id(String vault, String key) {
        return "azure:https://" + vault + (vault.endsWith("mhsm") ? ".managedhsm.azure.net" : ".vault.azure.net")
                + "/keys/" + key;
    }

    private static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        items.forEach(i -> out.put(i.path("id").asString(), i));
        return out;
    }

    @Test
    void theScheduleSweepsEveryVaultThroughTheQueueIntoTheTablesAndTheAdminApiReadsTheKeys() throws Exception {
        FakeVault kv = organisation();
        // the vault answers its first page (GetKeys, then GetKey, GetKeyVersions, GetKeyRotationPolicy of two keys),
        // then throttles more often than the sweep's budget of retries: the run is cut short after one page
        kv.throttleAfter(7, 100, 2);
        // without a ledger key in these settings the ledger is chained but unsigned: nothing to sign checkpoints with
        assertThat(functions.unavailable()).containsOnlyKeys(AzureFunctionNames.SIGN_CHECKPOINTS);

        // WHEN the timer fires and the queue trigger takes what it queued
        FunctionsContext timer = context(AzureFunctionNames.SWEEP_SCHEDULE);
        functions.sweepSchedule(SweepFunctionsTest.TIMER, timer);
        List<PeekedMessageItem> fannedOut = new ArrayList<>();
        queue.peekMessages(32, null, null).forEach(fannedOut::add);
        assertThat(fannedOut).extracting(m -> VaultSweepRequest.fromJson(m.getBody().toString()).vault())
                .containsExactlyInAnyOrder("contoso-kv", "contoso-mhsm", "globex-kv");
        clock.advance(Duration.ofSeconds(1));
        List<String> warnings = new ArrayList<>();
        List<String> firstRuns = drainWhile(() -> kv.throttleAfter(0, 0, 0), 3, warnings);

        // THEN the cut-short vault queued its follow-up, which the next invocation resumed from its cursor
        assertThat(timer.lines(Level.INFO)).singleElement().asString().contains("vaults=3, sent=3");
        assertThat(firstRuns).anySatisfy(line -> assertThat(line).contains("contoso-kv").contains("partial")
                .contains("resumed by a follow-up (1)"));
        assertThat(sleeper.waits()).as("each throttled request waited its Retry-After").contains(Duration.ofSeconds(2));

        // ... the Tables store holds every key, each tenant its own
        TablesInventoryStore store = TablesInventoryStore.create(tables, tableName, clock);
        assertThat(store.tenants()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items()).hasSize(5);
        assertThat(store.sweepReports("acme", PageRequest.first(20)).items()).hasSize(3)
                .anySatisfy(r -> assertThat(r.partialReason()).hasValueSatisfying(why -> assertThat(why)
                        .contains("resumed from cursor")));
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();

        // ... and an auditor reads them through the admin API: as Key Vault describes them
        Map<String, JsonNode> keys = byId(get("/keys?limit=50", FunctionApp.AUDITOR_OID).path("items"));
        assertThat(keys).containsOnlyKeys(id("contoso-kv", "payments-cmk"), id("contoso-kv", "orders-cmk"),
                id("contoso-kv", "signing"), id("contoso-kv", "retired"), id("contoso-mhsm", "ml-artifacts"));
        assertThat(keys.get(id("contoso-kv", "payments-cmk")).path("state").asString()).isEqualTo("ACTIVE");
        assertThat(keys.get(id("contoso-kv", "payments-cmk")).path("algorithm").asString()).isEqualTo("RSA-2048");
        assertThat(keys.get(id("contoso-kv", "signing")).path("algorithm").asString()).isEqualTo("EC-P384");
        assertThat(keys.get(id("contoso-kv", "retired")).path("state").asString()).isEqualTo("DEACTIVATED");
        assertThat(keys.get(id("contoso-mhsm", "ml-artifacts")).path("algorithm").asString()).isEqualTo("AES-256");
        JsonNode sweeps = get("/sweeps", FunctionApp.AUDITOR_OID).path("items");
        assertThat(sweeps).hasSize(3);

        // ... globex's vault denied its data plane: partially observed through Resource Manager, never empty, and
        // stored in globex's tenant only; its deleted keys cannot be listed, which the follow-up found again where
        // it resumed, so it queued no other
        assertThat(store.assets("globex", AssetQuery.ALL, PageRequest.first(10)).items()).singleElement()
                .satisfies(a -> assertThat(a.partiallyObserved()).isTrue());
        assertThat(store.sweepReports("globex", PageRequest.first(10)).items()).hasSize(2)
                .allSatisfy(r -> assertThat(r.partialReason()).hasValueSatisfying(why -> assertThat(why)
                        .contains("deleted keys")));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("globex-kv")
                .contains("failed where it resumed"));

        // ... and every request sent to Azure was one the sweep declares (and so one the deployment grants)
        assertThat(azure.operations()).isSubsetOf(AzureSweepOperation.operations().stream()
                .map(o -> o.service() + ":" + o.name()).collect(Collectors.toSet()));
    }

    /** Drains the queue; before the first follow-up is handled, runs {@code recover} (the vault's load is gone). */
    private List<String> drainWhile(Runnable recover, int firstBatch, List<String> warnings) {
        List<String> logged = new ArrayList<>();
        List<QueueMessageItem> first = Azurite.receive(queue, 32, Duration.ofMinutes(5));
        assertThat(first).hasSize(firstBatch);
        for (QueueMessageItem m : first) {
            FunctionsContext context = context(AzureFunctionNames.SWEEP_VAULT);
            functions.sweepVault(m.getBody().toString(), m.getMessageId(), m.getDequeueCount(), context);
            queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
            logged.addAll(context.lines(Level.INFO));
            warnings.addAll(context.lines(Level.WARNING));
        }
        recover.run();
        logged.addAll(drain(warnings));
        return logged;
    }

    @Test
    void aSweepRedeliveredChangesNothingAndThePurgeKeepsWhatIsUnderLegalHold() throws Exception {
        organisation();
        functions.sweepSchedule(SweepFunctionsTest.TIMER, context(AzureFunctionNames.SWEEP_SCHEDULE));
        List<QueueMessageItem> messages = Azurite.receive(queue, 32, Duration.ofMinutes(5));
        for (QueueMessageItem m : messages) {
            functions.sweepVault(m.getBody().toString(), m.getMessageId(), 1, context(AzureFunctionNames.SWEEP_VAULT));
        }
        TablesInventoryStore store = TablesInventoryStore.create(tables, tableName, clock);
        long head = store.ledgerHead("acme").sequence();
        Set<String> before = store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items().stream()
                .map(a -> a.id() + "@" + store.asset("acme", a.id()).orElseThrow().revision()).collect(Collectors.toSet());

        // WHEN the queue hands the same messages out again (at least once delivery), with the vaults unchanged
        for (QueueMessageItem m : messages) {
            functions.sweepVault(m.getBody().toString(), m.getMessageId(), 2, context(AzureFunctionNames.SWEEP_VAULT));
        }

        // THEN no key record moved; only the reports were written again
        assertThat(store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items().stream()
                .map(a -> a.id() + "@" + store.asset("acme", a.id()).orElseThrow().revision()).collect(Collectors.toSet()))
                .isEqualTo(before);
        assertThat(store.ledgerHead("acme").sequence()).isEqualTo(head);

        // WHEN both tenants keep records for a day, acme's admin places a legal hold on acme, days pass, and the
        // scheduled purge runs
        CoreServices services = CoreServices.of(resources.store(), clock, CoreSettings.DEFAULTS.withoutAnomalyDetection());
        RetentionPolicy oneDay = new RetentionPolicy(Period.ofDays(1), Period.ofDays(1), Period.ofDays(1));
        services.retention().setPolicy("acme", oneDay, "retention-admin");
        services.retention().setPolicy("globex", oneDay, "retention-admin");
        FunctionsHttpResponse held = FunctionsHttpResponse.of(functions.adminApi(FunctionsHttpRequest.post(
                        API + "/legal-holds", "{\"scope\": \"tenant\", \"reason\": \"litigation 2026-14\"}")
                .header("Content-Type", "application/json")
                .header("X-MS-CLIENT-PRINCIPAL", AdminApiFunctionTest.clientPrincipal(FunctionApp.ADMIN_OID)),
                context(AzureFunctionNames.ADMIN_API)));
        assertThat(held.getStatusCode()).as(held.text()).isEqualTo(201);
        clock.advance(Duration.ofDays(3));
        FunctionsContext purge = context(AzureFunctionNames.PURGE_EXPIRED);
        functions.purgeExpired("{}", purge);

        // THEN nothing of acme went; globex's expired history and ledger went, attested, and its key stays (it exists)
        assertThat(purge.lines(Level.INFO)).contains("tenant acme: nothing expired")
                .anySatisfy(line -> assertThat(line).startsWith("tenant globex: purged ").contains("0 key records"));
        assertThat(services.verifier().verify("acme")).satisfies(v -> {
            assertThat(v.intact()).isTrue();
            assertThat(v.purgedRecords()).isZero();
        });
        assertThat(services.verifier().verify("globex")).satisfies(v -> {
            assertThat(v.intact()).isTrue();
            assertThat(v.purgedRecords()).isPositive();
        });
        assertThat(store.assets("globex", AssetQuery.ALL, PageRequest.first(10)).items()).hasSize(1);
        assertThat(store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items()).hasSize(before.size());

        // ... and a second run finds nothing more to remove
        FunctionsContext again = context(AzureFunctionNames.PURGE_EXPIRED);
        functions.purgeExpired("{}", again);
        assertThat(again.lines(Level.INFO)).contains("tenant acme: nothing expired", "tenant globex: nothing expired");
    }
}
