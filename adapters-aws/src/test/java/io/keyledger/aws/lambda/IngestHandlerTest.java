package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingest functions' own handler against Spring Cloud Function's {@link FunctionInvoker} on the same
 * events: each runs on a store of its own, and both must answer, fail and store alike. And the SnapStart
 * priming hook, invoked as Lambda invokes it before the snapshot.
 */
class IngestHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:111122223333:keyledger-ingest";

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final AtomicReference<InMemoryInventoryStore> store = new AtomicReference<>();
    private KeyLedgerLambdaConfiguration.ResourcesOverride override;

    @BeforeAll
    static void configureSpring() {
        System.setProperty("MAIN_CLASS", KeyLedgerLambdaConfiguration.class.getName());
    }

    @AfterAll
    static void clearSpring() {
        System.clearProperty("MAIN_CLASS");
    }

    @BeforeEach
    void useTestResources() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(LambdaSettings.AWS_REGION, "us-east-1",
                LambdaSettings.TENANTS, "{\"accounts\": {\"aws:111122223333\": \"acme\"}, \"default\": \"unmapped\"}"));
        override = KeyLedgerLambdaConfiguration.overrideResources(() -> LambdaResources.of(settings, clock, store.get(),
                object -> {
                    throw new IOException("no S3 here");
                }, List.of()));
    }

    @AfterEach
    void restoreResources() {
        override.close();
    }

    /** What one entry point did with an event: its answer (or failure) and the keys it stored. */
    private record Outcome(JsonNode answer, String failure, Map<String, CryptoAsset> keys) {
    }

    private Outcome run(boolean ownHandler, String function, byte[] event) {
        InMemoryInventoryStore s = new InMemoryInventoryStore(clock);
        store.set(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaContext context = new LambdaContext("c0ffee00-1111-2222-3333-444455556666", "keyledger-test");
        String failure = "";
        try {
            if (ownHandler) {
                new IngestHandler(Map.of(IngestHandler.DEFINITION_VARIABLE, function))
                        .handleRequest(new ByteArrayInputStream(event), out, context);
            } else {
                new FunctionInvoker(function).handleRequest(new ByteArrayInputStream(event), out, context);
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        JsonNode answer = failure.isEmpty() ? JSON.readTree(out.toByteArray()) : null;
        return new Outcome(answer, failure, keys(s));
    }

    private static Map<String, CryptoAsset> keys(InMemoryInventoryStore s) {
        Map<String, CryptoAsset> keys = new java.util.TreeMap<>();
        for (String tenant : s.tenants()) {
            s.assets(tenant, AssetQuery.ALL, PageRequest.first(100)).items().forEach(a -> keys.put(tenant + " " + a.id(), a));
        }
        return keys;
    }

    private void assertSameAsFunctionInvoker(String function, byte[] event) {
        Outcome spring = run(false, function, event);
        Outcome own = run(true, function, event);

        assertThat(own).isEqualTo(spring);
    }

    @Test
    void ingestEventsAnswersAndStoresAsFunctionInvokerDoes() throws IOException {
        assertSameAsFunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS,
                LambdaEntryPointTest.resource("eventbridge/api-call-DisableKey.json"));
        assertThat(run(true, KeyLedgerLambdaConfiguration.INGEST_EVENTS,
                LambdaEntryPointTest.resource("eventbridge/kms-cmk-rotation.json")).answer().get("applied").asInt())
                .isEqualTo(1);
    }

    @Test
    void aBadEventFailsTheInvocationAsFunctionInvokerDoes() throws IOException {
        ObjectNode broken = (ObjectNode) JSON.readTree(LambdaEntryPointTest.resource("eventbridge/api-call-DisableKey.json"));
        ((ObjectNode) broken.get("detail")).remove("eventTime");

        Outcome own = run(true, KeyLedgerLambdaConfiguration.INGEST_EVENTS, JSON.writeValueAsBytes(broken));

        assertThat(own.failure()).startsWith("IngestFailedException: ingestEvents: 1 of 1 messages not ingested");
        assertSameAsFunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS, JSON.writeValueAsBytes(broken));
    }

    @Test
    void ingestQueueAnswersTheSameBatchItemFailures() throws IOException {
        List<String> ids = List.of("4d0b1b3c-0001-4a7e-9d1e-5f3b8c2a7e01", "4d0b1b3c-0002-4a7e-9d1e-5f3b8c2a7e02");
        List<String> bodies = List.of(new String(LambdaEntryPointTest.resource("eventbridge/api-call-DisableKey.json"),
                StandardCharsets.UTF_8), "{\"version\":\"0\",\"id\":\"0e4c1f57\",\"det");
        byte[] batch = LambdaEntryPointTest.sqsBatch(QUEUE, ids, bodies);

        Outcome own = run(true, KeyLedgerLambdaConfiguration.INGEST_QUEUE, batch);

        assertThat(own.answer().get("batchItemFailures").get(0).get("itemIdentifier").asString()).isEqualTo(ids.get(1));
        assertSameAsFunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE, batch);
        assertSameAsFunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE,
                LambdaEntryPointTest.resource("sqs/eventbridge-body.json"));
    }

    @Test
    void anotherFunctionIsRefusedAtInitNamingTheIngestFunctions() {
        assertThatThrownBy(() -> new IngestHandler(Map.of(IngestHandler.DEFINITION_VARIABLE, "adminApi")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("'adminApi'")
                .hasMessageContaining("ingestEvents, ingestQueue, ingestS3Logs");
        assertThatThrownBy(() -> new IngestHandler(Map.of())).isInstanceOf(SettingsException.class);
    }

    @Test
    void thePrimingHookDecodesTheSamplesAndLeavesTheStoreAsItWas() throws Exception {
        store.set(new InMemoryInventoryStore(clock));
        IngestHandler handler = new IngestHandler(Map.of(IngestHandler.DEFINITION_VARIABLE,
                KeyLedgerLambdaConfiguration.INGEST_QUEUE));

        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);

        assertThat(handler.priming().prime()).isPositive();
        assertThat(store.get().tenants()).isEmpty();
    }

    @Test
    void theSpringConfigurationRegistersAPrimingHookToo() throws Exception {
        store.set(new InMemoryInventoryStore(clock));
        try (var context = new org.springframework.context.support.GenericApplicationContext()) {
            new KeyLedgerLambdaConfiguration().initialize(context);
            context.refresh();

            SnapStartPriming priming = context.getBean(SnapStartPriming.class);
            priming.beforeCheckpoint(null);

            assertThat(priming.prime()).isPositive();
        }
        assertThat(store.get().tenants()).isEmpty();
    }
}
