package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.gcp.credentials.DeferredCredentials;
import io.keyledger.gcp.firestore.FirestoreInventoryStore;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The functions in Spring Cloud Function's catalog: one per context, built at init without a network call. */
class FunctionCatalogTest {

    @Test
    void aContextRegistersOnlyTheFunctionItsEntryPointNames() throws Exception {
        try (GcpHarness gcp = new GcpHarness();
             ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                     new Class<?>[] {KeyLedgerGcpConfiguration.class},
                     new String[] {"--spring.cloud.function.definition=ingestAuditLog", "--spring.main.banner-mode=off"})) {
            assertThat(context.getBeansOfType(FunctionRegistration.class)).containsOnlyKeys("ingestAuditLog");
            assertThat(context.getBean(FunctionCatalog.class).<Object>lookup(Function.class, "ingestAuditLog")).isNotNull();
            assertThat(context.getBeanFactory().getBeanDefinition("coreServices").isLazyInit()).isTrue();
        }
    }

    @Test
    void aDefinitionNamingNoKeyLedgerFunctionFailsTheStartNamingIt() throws Exception {
        try (GcpHarness gcp = new GcpHarness()) {
            assertThatThrownBy(() -> FunctionContext.start("ingestEverything", Function.class))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("'ingestEverything'").hasMessageContaining("ingestAuditLog, sweepFanOut");
        }
    }

    @Test
    void aSettingAFunctionNeedsFailsItsStartNamingTheVariable() throws Exception {
        try (GcpHarness gcp = new GcpHarness(Map.of(GcpSettings.SWEEP_TOPIC, ""))) {
            assertThatThrownBy(gcp::sweepSchedule).rootCause().hasMessage("KEYLEDGER_SWEEP_TOPIC is not set");
        }
    }

    @Test
    void everyEntryPointIsAPublicClassTheFrameworkCanCreate() throws Exception {
        for (EntryPoints.EntryPoint entry : EntryPoints.ALL) {
            Class<?> type = Class.forName(entry.className());
            assertThat(Modifier.isPublic(type.getModifiers())).as(entry.className()).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
            Class<?> expected = entry.signature() == EntryPoints.Signature.HTTP
                    ? com.google.cloud.functions.HttpFunction.class : com.google.cloud.functions.CloudEventsFunction.class;
            assertThat(expected.isAssignableFrom(type)).as(entry.className() + " is a " + expected.getSimpleName()).isTrue();
            assertThat(KeyLedgerGcpConfiguration.FUNCTION_NAMES).contains(entry.function());
        }
    }

    @Test
    void everyEntryPointStartsWithProductionClientsWithoutLookingUpCredentials() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DeferredCredentials credentials = new DeferredCredentials(() -> {
            lookups.incrementAndGet();
            throw new IllegalStateException("no credentials lookup at init");
        });
        try (GcpHarness gcp = new GcpHarness()) {
            GcpResources production = GoogleCloudResources.builder(gcp.settings)
                    .clock(gcp.clock)
                    // Pub/Sub's real endpoint and transport; the channel connects on the first call only
                    .publisher(() -> PubSubPublisher.create(TopicAdminSettings.defaultTransportChannelProvider(),
                            FixedCredentialsProvider.create(credentials), PubSubPublisher.RETRIES))
                    .store(r -> new InMemoryInventoryStore(r.clock()))
                    .sweepSources(r -> gcp.sources)
                    .build();
            try (var override = KeyLedgerGcpConfiguration.overrideResources(() -> production)) {
                for (EntryPoints.EntryPoint entry : EntryPoints.ALL) {
                    try (AutoCloseable function = (AutoCloseable) Class.forName(entry.className()).getConstructor().newInstance()) {
                        assertThat(function).isNotNull();
                    }
                }
            }
            ((GoogleCloudResources) production).close();
        }
        assertThat(lookups).hasValue(0);
        assertThat(credentials.resolved()).isFalse();
    }

    @Test
    void theProductionResourcesAreTheFirestoreStoreAndCloudKmsAndNameWhatIsMissing() throws Exception {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security",
                GcpSettings.FIRESTORE_DATABASE, "keyledger"));
        GoogleCloudResources bare = GoogleCloudResources.builder(GcpSettings.fromEnvironment(Map.of())).build();

        try (GoogleCloudResources production = KeyLedgerGcpConfiguration.production(Map.of(GcpSettings.PROJECT,
                "acme-security", GcpSettings.FIRESTORE_DATABASE, "keyledger"))) {
            assertThat(production.settings()).isEqualTo(settings);
            assertThat(production.store()).as("built without a call").isInstanceOf(FirestoreInventoryStore.class);
            assertThat(production.sweepSources()).isInstanceOf(CloudKmsSweepSources.class);
        }
        assertThatThrownBy(bare::store).isInstanceOf(SettingsException.class).hasMessage("KEYLEDGER_PROJECT is not set");
        assertThatThrownBy(bare::sweepSources).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("nothing to sweep");
    }
}
