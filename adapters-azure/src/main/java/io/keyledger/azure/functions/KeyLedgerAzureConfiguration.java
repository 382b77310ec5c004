package io.keyledger.azure.functions;

import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.config.AdminApiConfiguration;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Spring context of KeyLedger's function app, registered functionally: no classpath scanning, no
 * auto-configuration, no configuration classes. {@link KeyLedgerFunctionInjector} starts it once per
 * function app instance; {@link KeyLedgerFunctions} looks each function up by name in Spring Cloud
 * Function's {@code FunctionCatalog}:
 * <ul>
 *   <li>{@value AzureFunctionNames#INGEST_MONITOR_LOGS}: {@link MonitorLogIngest}, an Event Hub batch;</li>
 *   <li>{@value AzureFunctionNames#INGEST_EVENT_GRID}: {@link EventGridIngest}, one Event Grid event;</li>
 *   <li>{@value AzureFunctionNames#EVENT_GRID_WEBHOOK}: {@link EventGridWebhook}, an Event Grid webhook request;</li>
 *   <li>{@value AzureFunctionNames#SWEEP_SCHEDULE}: {@link ScheduledSweep}, the timer's fan-out;</li>
 *   <li>{@value AzureFunctionNames#SWEEP_VAULT}: {@link VaultSweep}, one queued vault;</li>
 *   <li>{@value AzureFunctionNames#PURGE_EXPIRED}: {@link ScheduledPurge}, the timer's purge of every tenant;</li>
 *   <li>{@value AzureFunctionNames#ADMIN_API}: the provider-neutral admin API ({@link AdminApiConfiguration}),
 *       with the App Service / Entra ID callers and sweeps started over the sweep queue.</li>
 * </ul>
 *
 * <p>Every function is built when the context starts, once, with its collaborators and SDK clients (no
 * network call is made while doing so); one whose settings are missing is replaced by a stand-in that
 * fails when called, with the reason ({@link UnavailableFunction}), and the others work.
 *
 * <p>The collaborators come from {@link FunctionAppResources}: {@link AzureFunctionAppResources} on the
 * instance's environment, unless {@link #overrideResources} supplied others (tests, the cold-start harness).
 * That hook is a static because the Functions worker instantiates the injector itself. The core services
 * are assembled once per instance ({@link CoreServices}) on the store with its units of work watched
 * ({@link StoreFailures}), and every function takes its services from that one assembly.
 */
public final class KeyLedgerAzureConfiguration implements ApplicationContextInitializer<GenericApplicationContext> {

    private static final String CORE_SERVICES = "coreServices";

    private static final Supplier<FunctionAppResources> FROM_ENVIRONMENT =
            () -> AzureFunctionAppResources.fromEnvironment(System.getenv());

    private static final AtomicReference<Supplier<? extends FunctionAppResources>> RESOURCES =
            new AtomicReference<>(FROM_ENVIRONMENT);

    /** How one function is built from the context's shared beans. */
    record FunctionBean(String name, Type type, Function<GenericApplicationContext, Object> create) {
    }

    /** Restores the resources that were in use before an override. */
    public static final class ResourcesOverride implements AutoCloseable {
        private final Supplier<? extends FunctionAppResources> previous;

        private ResourcesOverride(Supplier<? extends FunctionAppResources> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            RESOURCES.set(previous);
        }
    }

    /**
     * Makes the contexts started from now on take their resources from {@code resources} instead of building
     * Azure clients from the environment. For tests and harnesses that run the real entry points in-process;
     * closing the returned handle restores the previous supplier.
     */
    public static ResourcesOverride overrideResources(Supplier<? extends FunctionAppResources> resources) {
        return new ResourcesOverride(RESOURCES.getAndSet(Objects.requireNonNull(resources, "resources")));
    }

    /** The function beans this configuration registers beside the admin API's, by name. */
    static Map<String, FunctionBean> functions() {
        Map<String, FunctionBean> all = new LinkedHashMap<>();
        all.put(AzureFunctionNames.INGEST_MONITOR_LOGS, new FunctionBean(AzureFunctionNames.INGEST_MONITOR_LOGS,
                FunctionTypeUtils.functionType(HubBatch.class, MonitorLogOutcome.class),
                c -> new MonitorLogIngest(c.getBean(MessageIngester.class), c.getBean(StoreFailures.class))));
        all.put(AzureFunctionNames.INGEST_EVENT_GRID, new FunctionBean(AzureFunctionNames.INGEST_EVENT_GRID,
                FunctionTypeUtils.functionType(EventGridDelivery.class, IngestOutcome.class),
                c -> new EventGridIngest(c.getBean(MessageIngester.class))));
        all.put(AzureFunctionNames.EVENT_GRID_WEBHOOK, new FunctionBean(AzureFunctionNames.EVENT_GRID_WEBHOOK,
                FunctionTypeUtils.functionType(HttpRequest.class, HttpResponse.class),
                c -> new EventGridWebhook(c.getBean(MessageIngester.class), c.getBean(StoreFailures.class),
                        resources(c).settings().webhookOrigins())));
        all.put(AzureFunctionNames.SWEEP_SCHEDULE, new FunctionBean(AzureFunctionNames.SWEEP_SCHEDULE,
                FunctionTypeUtils.functionType(String.class, FanOutSummary.class),
                c -> new ScheduledSweep(resources(c)::vaultScopes, sweepQueue(resources(c)), resources(c).clock())));
        all.put(AzureFunctionNames.SWEEP_VAULT, new FunctionBean(AzureFunctionNames.SWEEP_VAULT,
                FunctionTypeUtils.functionType(QueuedSweep.class, VaultSweepResult.class),
                c -> {
                    SweepQueue queue = sweepQueue(resources(c));
                    return new VaultSweep(resources(c)::vaultScopes, services(c), queue,
                            resources(c).settings().followUpDelay());
                }));
        all.put(AzureFunctionNames.PURGE_EXPIRED, new FunctionBean(AzureFunctionNames.PURGE_EXPIRED,
                FunctionTypeUtils.functionType(String.class, PurgeSummary.class),
                c -> new ScheduledPurge(services(c))));
        return all;
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        Supplier<? extends FunctionAppResources> resources = RESOURCES.get();
        context.registerBean(FunctionAppResources.class, resources::get, lazy());
        context.registerBean(StoreFailures.class, () -> StoreFailures.watching(resources(context).store()), lazy());
        context.registerBean(CORE_SERVICES, CoreServices.class, () -> services(resources(context),
                context.getBean(StoreFailures.class)), lazy());
        context.registerBean(MessageIngester.class, () -> ingester(services(context)), lazy());
        for (FunctionBean function : functions().values()) {
            context.registerBean(function.name(), FunctionRegistration.class,
                    () -> new FunctionRegistration<>(build(function, context), function.name()).type(function.type()));
        }
        // The admin API of every platform, on this platform's callers and sweep launcher
        context.registerBean(Authenticator.class, () -> AdminCallers.of(resources(context).settings(),
                resources(context).clock(), resources(context).entraSigningKeys()), lazy());
        context.registerBean(SweepLauncher.class, () -> sweepLauncher(resources(context)), lazy());
        new AdminApiConfiguration().initialize(context);
        AbstractBeanDefinition api = (AbstractBeanDefinition) context.getBeanDefinition(AdminApiConfiguration.BEAN_NAME);
        Supplier<?> adminApi = Objects.requireNonNull(api.getInstanceSupplier(), "the admin API's supplier");
        api.setInstanceSupplier(() -> {
            try {
                return adminApi.get();
            } catch (RuntimeException e) {
                return new FunctionRegistration<>(unavailable(AdminApiConfiguration.BEAN_NAME, e),
                        AdminApiConfiguration.BEAN_NAME)
                        .type(FunctionTypeUtils.functionType(HttpRequest.class, HttpResponse.class));
            }
        });
    }

    /**
     * The function, built now, or, when it cannot be built with this instance's settings, a stand-in that
     * fails when called, with the reason: one function's missing setting does not stop the others.
     */
    private static Object build(FunctionBean function, GenericApplicationContext context) {
        try {
            return function.create().apply(context);
        } catch (RuntimeException e) {
            return unavailable(function.name(), e);
        }
    }

    private static UnavailableFunction unavailable(String name, RuntimeException e) {
        return new UnavailableFunction(name, KeyLedgerFunctions.rootMessage(e));
    }

    /**
     * The core services of every function of the instance, assembled once: the store (its units of work
     * watched), the clock, the tenant mapping of KEYLEDGER_TENANTS, the anomaly policies of KEYLEDGER_POLICY,
     * and alerts to the store and the sinks. Each service is built when a function first asks for it.
     */
    static CoreServices services(FunctionAppResources resources, StoreFailures failures) {
        return CoreServices.of(failures.store(), resources.clock(), CoreSettings.DEFAULTS
                .withTenants(resources.settings().tenants())
                .withPolicies(resources.settings().policy())
                .withAlertSinks(resources.alertSinks()));
    }

    /** The ingest of every ingest function: the Azure formats (AuditEvent, Event Grid, Activity Log). */
    static MessageIngester ingester(CoreServices services) {
        return new MessageIngester(services.inventory(), Decoders.of(AzureDecoders.all()), Optional.empty());
    }

    /** The sweep queue, written by the schedule, the admin API and the follow-ups of cut-short sweeps. */
    static SweepQueue sweepQueue(FunctionAppResources resources) {
        return new SweepQueue(resources.sweepQueue(), resources.settings().tenants());
    }

    /**
     * The admin API's sweeps: over the sweep queue; without the queue's settings, a launcher that refuses
     * (the API answers 409 with why), so that the rest of the API works.
     */
    static SweepLauncher sweepLauncher(FunctionAppResources resources) {
        try {
            return new QueueSweepLauncher(resources.settings(), resources::vaultScopes, sweepQueue(resources),
                    resources.clock());
        } catch (RuntimeException e) {
            String reason = e.getMessage();
            return (tenant, requestedBy) -> {
                throw new IllegalStateException("sweeps cannot be started here: " + reason);
            };
        }
    }

    private static FunctionAppResources resources(GenericApplicationContext context) {
        return context.getBean(FunctionAppResources.class);
    }

    /**
     * The instance's core services. A failure to assemble them (a setting missing) is rethrown as itself, not
     * wrapped by Spring, so that a function that cannot be built says why.
     */
    private static CoreServices services(GenericApplicationContext context) {
        try {
            return context.getBean(CORE_SERVICES, CoreServices.class);
        } catch (BeanCreationException e) {
            Throwable cause = e.getMostSpecificCause();
            if (cause instanceof RuntimeException runtime && runtime != e) {
                throw runtime;
            }
            throw e;
        }
    }

    private static BeanDefinitionCustomizer lazy() {
        return (BeanDefinition definition) -> definition.setLazyInit(true);
    }
}
