package io.keyledger.gcp.functions;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.auth.OidcAuthenticator;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.RoleSource;
import io.keyledger.functions.config.AdminApiConfiguration;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.gcp.format.GcpDecoders;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The Spring context of KeyLedger's Google Cloud functions, registered functionally: no classpath
 * scanning, no auto-configuration, no configuration classes. Each entry point ({@link EntryPoints}) starts
 * it once per instance, naming its one function in {@value #DEFINITION}, and looks that function up in the
 * {@code FunctionCatalog}:
 * <ul>
 *   <li>{@value #INGEST}: one delivery of Cloud Audit Log entries (an Eventarc CloudEvent, a Pub/Sub push),
 *       through the provider-neutral {@link MessageIngester};</li>
 *   <li>{@value #SWEEP_FAN_OUT}: publishes one sweep message per (project, location) scope;</li>
 *   <li>{@value #SWEEP_SCOPE}: sweeps the scope of one message with the core's reconciler;</li>
 *   <li>{@value #ADMIN_API}: the provider-neutral admin API of {@link AdminApiConfiguration}, for which this
 *       configuration gives the Google ID token authenticator and the sweep launcher.</li>
 * </ul>
 *
 * <p>Only the named function is registered, and it is built at init with its collaborators and clients, so
 * that no request pays for them; no network call is made while doing so. The collaborators come from
 * {@link GcpResources}: {@link #production} on the instance's environment, unless
 * {@link #overrideResources} supplied others (tests, the cold-start harness). The core services are
 * assembled once per context ({@link CoreServices}, a lazy bean) and every function takes its services
 * from that one assembly.
 */
public final class KeyLedgerGcpConfiguration implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String INGEST = "ingestAuditLog";
    public static final String SWEEP_FAN_OUT = "sweepFanOut";
    public static final String SWEEP_SCOPE = "sweepScope";
    public static final String ADMIN_API = AdminApiConfiguration.BEAN_NAME;

    /** Every function an entry point can name. */
    public static final List<String> FUNCTION_NAMES = List.of(INGEST, SWEEP_FAN_OUT, SWEEP_SCOPE, ADMIN_API);

    /** The property that names the function: set by the entry point that starts the context. */
    public static final String DEFINITION = "spring.cloud.function.definition";

    private static final String CORE_SERVICES = "coreServices";

    private static final Supplier<GcpResources> FROM_ENVIRONMENT = () -> production(System.getenv());

    private static final AtomicReference<Supplier<? extends GcpResources>> RESOURCES =
            new AtomicReference<>(FROM_ENVIRONMENT);

    /** How one function is built from the context's shared beans. */
    record FunctionBean(String name, Type type, Function<GenericApplicationContext, Object> create) {
    }

    /** Restores the resources that were in use before an override. */
    public static final class ResourcesOverride implements AutoCloseable {
        private final Supplier<? extends GcpResources> previous;

        private ResourcesOverride(Supplier<? extends GcpResources> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            RESOURCES.set(previous);
        }
    }

    /**
     * The resources of a Cloud Run function instance: the settings of its environment, the system clock, and
     * with the instance's service account the Firestore store, the Cloud KMS key sources of the sweep's scopes
     * and Pub/Sub ({@link GoogleCloudResources}). Each client is built when a function first needs it, at init,
     * without a network call; the context closes them with itself.
     */
    public static GoogleCloudResources production(Map<String, String> env) {
        return GoogleCloudResources.fromEnvironment(env);
    }

    /**
     * Makes the contexts started from now on take their resources from {@code resources} instead of
     * building Google Cloud clients from the environment. For tests and harnesses that run the real entry
     * points in-process; closing the returned handle restores the previous supplier.
     */
    public static ResourcesOverride overrideResources(Supplier<? extends GcpResources> resources) {
        return new ResourcesOverride(RESOURCES.getAndSet(Objects.requireNonNull(resources, "resources")));
    }

    /** Every function this configuration registers itself (the admin API is {@link AdminApiConfiguration}'s). */
    static Map<String, FunctionBean> functions() {
        Map<String, FunctionBean> all = new LinkedHashMap<>();
        all.put(INGEST, new FunctionBean(INGEST, FunctionTypeUtils.functionType(InboundMessage.class, IngestOutcome.class),
                c -> ingest(c.getBean(MessageIngester.class))));
        all.put(SWEEP_FAN_OUT, new FunctionBean(SWEEP_FAN_OUT, FunctionTypeUtils.supplierType(FanOutSummary.class),
                c -> sweepFanOut(c.getBean(GcpResources.class))));
        all.put(SWEEP_SCOPE, new FunctionBean(SWEEP_SCOPE,
                FunctionTypeUtils.functionType(SweepRequest.class, ScopeSwept.class),
                c -> sweepScope(c.getBean(GcpResources.class), () -> services(c))));
        return all;
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        Supplier<? extends GcpResources> resources = RESOURCES.get();
        Environment env = context.getEnvironment();
        context.registerBean(GcpResources.class, resources::get, lazy());
        context.registerBean(CORE_SERVICES, CoreServices.class, () -> services(context.getBean(GcpResources.class)),
                lazy());
        context.registerBean(MessageIngester.class, () -> ingester(services(context)), lazy());
        // What AdminApiConfiguration asks for, when an entry point adds it
        context.registerBean(Authenticator.class, () -> authenticator(context.getBean(GcpResources.class)), lazy());
        context.registerBean(SweepLauncher.class, () -> sweepLauncher(context.getBean(GcpResources.class)), lazy());
        for (FunctionBean function : selected(env)) {
            context.registerBean(function.name(), FunctionRegistration.class,
                    () -> new FunctionRegistration<>(function.create().apply(context), function.name())
                            .type(function.type()));
        }
    }

    /** The functions the definition names (the admin API among them is registered elsewhere), or all. */
    static List<FunctionBean> selected(Environment env) {
        Map<String, FunctionBean> all = functions();
        String definition = env.getProperty(DEFINITION, "");
        if (definition.isBlank()) {
            return List.copyOf(all.values());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : definition.split("[|,;]")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        List<FunctionBean> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals(ADMIN_API)) {
                continue;
            }
            FunctionBean f = all.get(name);
            if (f == null) {
                throw new SettingsException(DEFINITION + " names '" + name + "', which is not a KeyLedger function ("
                        + String.join(", ", FUNCTION_NAMES) + ")");
            }
            out.add(f);
        }
        return out;
    }

    /**
     * The core services of the instance, assembled once: the store, the clock, the tenant mapping of
     * KEYLEDGER_TENANTS, the anomaly policies of KEYLEDGER_POLICY, and alerts to the store and the sinks.
     */
    static CoreServices services(GcpResources resources) {
        return CoreServices.of(resources.store(), resources.clock(), CoreSettings.DEFAULTS
                .withTenants(resources.settings().tenants())
                .withPolicies(resources.settings().policy())
                .withAlertSinks(resources.alertSinks()));
    }

    /** The context's core services; a failure to assemble them is rethrown as itself, not wrapped by Spring. */
    private static CoreServices services(GenericApplicationContext context) {
        try {
            return context.getBean(CORE_SERVICES, CoreServices.class);
        } catch (BeanCreationException e) {
            if (CORE_SERVICES.equals(e.getBeanName()) && e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The provider-neutral ingest, with the Google Cloud decoders; nothing reads objects from storage. */
    static MessageIngester ingester(CoreServices services) {
        return new MessageIngester(services.inventory(), Decoders.of(GcpDecoders.all()), Optional.empty());
    }

    /** One delivery is one message of the ingester's batch. */
    static Function<InboundMessage, IngestOutcome> ingest(MessageIngester ingester) {
        return message -> ingester.ingest(List.of(message), false);
    }

    static SweepTopic sweepTopic(GcpResources resources) {
        return new SweepTopic(resources.publisher(), resources.settings().requireSweepTopic(),
                resources.settings().tenants());
    }

    static SweepFanOutFunction sweepFanOut(GcpResources resources) {
        SweepTopic topic = sweepTopic(resources);
        return new SweepFanOutFunction(resources.sweepSources(), topic, resources.clock());
    }

    /** The sweep worker; its own settings are checked before the core services are assembled. */
    static ScopeSweepFunction sweepScope(GcpResources resources, Supplier<CoreServices> services) {
        SweepTopic followUps = sweepTopic(resources);
        SweepSources sources = resources.sweepSources();
        return new ScopeSweepFunction(sources, services.get(), followUps);
    }

    /**
     * Google-signed ID tokens for the function's URLs (KEYLEDGER_ADMIN_AUDIENCES), callers mapped to tenant
     * roles by KEYLEDGER_ADMIN_PRINCIPALS; Google's keys are fetched on the first request, not here.
     */
    static Authenticator authenticator(GcpResources resources) {
        GcpSettings settings = resources.settings();
        List<String> audiences = settings.requireAdminAudiences();
        RoleSource roles = RoleSource.mapped(AdminPrincipalsJson.parse(settings.requireAdminPrincipals()));
        OidcSettings google = OidcSettings.google(audiences.get(0), roles)
                .withAudiences(audiences.toArray(String[]::new))
                .withSigningKeys(resources.googleSigningKeys());
        return new OidcAuthenticator(google, resources.clock());
    }

    static SweepLauncher sweepLauncher(GcpResources resources) {
        return new TopicSweepLauncher(resources.settings(), resources.sweepSources(), sweepTopic(resources),
                resources.clock());
    }

    private static BeanDefinitionCustomizer lazy() {
        return (BeanDefinition definition) -> definition.setLazyInit(true);
    }
}
