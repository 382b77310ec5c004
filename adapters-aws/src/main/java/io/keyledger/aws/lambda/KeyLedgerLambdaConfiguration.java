package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.aws.sweep.SweepFanOut;
import io.keyledger.aws.sweep.SweepWorker;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.auth.IamPrincipalMapping;
import io.keyledger.functions.auth.PrincipalMapping;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.functions.report.ReportService;
import io.keyledger.functions.report.Reports;
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
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring context of KeyLedger's Lambda functions ({@code MAIN_CLASS}), registered functionally:
 * no classpath scanning, no auto-configuration, no configuration classes. Spring Cloud Function's
 * {@code FunctionInvoker} starts it once per container and calls the bean that
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} names:
 * <ul>
 *   <li>{@value #INGEST_EVENTS}: one EventBridge event; throws on failure so that EventBridge retries;</li>
 *   <li>{@value #INGEST_QUEUE}: an SQS batch, answered with its batch item failures;</li>
 *   <li>{@value #INGEST_S3_LOGS}: an S3 event notification; reads the CloudTrail log files it names;</li>
 *   <li>{@value #SWEEP_FAN_OUT}: a scheduled invocation; queues one sweep message per account and Region;</li>
 *   <li>{@value #SWEEP_WORKER}: an SQS batch of sweep messages, each scope swept into the store;</li>
 *   <li>{@value #ADMIN_API}: a function URL request (payload 2.0, IAM-signed), the tenant admin API;</li>
 *   <li>{@value #SIGN_CHECKPOINTS}: an SQS batch of checkpoint requests, each tenant's ledger head signed once;</li>
 *   <li>{@value #MAINTAIN_LEDGER}: a scheduled invocation; archives and purges every tenant's ledger.</li>
 * </ul>
 *
 * <p>The ledger key signs only in the containers of {@link #SIGNING_FUNCTIONS}; the others verify with its
 * public key and ask for their checkpoints on the checkpoint queue ({@link LambdaResources#ledger}).
 *
 * <p>Only the named function is registered, and it is built at init with its collaborators and SDK
 * clients (so that no invocation pays for them, and a SnapStart snapshot holds them); no network call
 * is made while doing so. Without a definition every function is registered. A {@link SnapStartPriming}
 * hook runs the invocation path on sample records before the snapshot is taken.
 *
 * <p>The ingest functions are deployed on {@link IngestHandler}, which builds the same functions from the
 * same resources without starting Spring (its cold start is most of Spring's); this configuration serves
 * every function, the others in the deployment and all of them in tests.
 *
 * <p>The collaborators come from {@link LambdaResources}: {@link AwsLambdaResources} on the container's
 * environment, unless {@link #overrideResources} supplied others (tests, the cold-start harness). That
 * hook is a static because Spring Cloud Function instantiates this class itself. The core services are
 * assembled once per container ({@link CoreServices}, a lazy bean: built when the first function that
 * needs them is), and every function takes its services from that one assembly.
 */
public final class KeyLedgerLambdaConfiguration implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String INGEST_EVENTS = "ingestEvents";
    public static final String INGEST_QUEUE = "ingestQueue";
    public static final String INGEST_S3_LOGS = "ingestS3Logs";
    public static final String SWEEP_FAN_OUT = "sweepFanOut";
    public static final String SWEEP_WORKER = "sweepWorker";
    public static final String ADMIN_API = "adminApi";
    public static final String SIGN_CHECKPOINTS = "signCheckpoints";
    public static final String MAINTAIN_LEDGER = "maintainLedger";

    /** Every function this configuration can register: the values {@code SPRING_CLOUD_FUNCTION_DEFINITION} takes. */
    public static final List<String> FUNCTION_NAMES = List.of(INGEST_EVENTS, INGEST_QUEUE, INGEST_S3_LOGS, SWEEP_FAN_OUT,
            SWEEP_WORKER, ADMIN_API, SIGN_CHECKPOINTS, MAINTAIN_LEDGER);

    /** The functions that sign with the ledger key; every other function writes the store and may not. */
    static final List<String> SIGNING_FUNCTIONS = List.of(SIGN_CHECKPOINTS, MAINTAIN_LEDGER);

    /** The property (environment variable {@code SPRING_CLOUD_FUNCTION_DEFINITION}) that names the function. */
    public static final String DEFINITION = "spring.cloud.function.definition";

    /** The bean of the container's one {@link CoreServices}. */
    private static final String CORE_SERVICES = "coreServices";

    /** Logs every payload at INFO: event bodies and request headers do not belong in the logs. */
    private static final String PAYLOAD_LOGGER = "org.springframework.cloud.function.adapter.aws.AWSLambdaUtils";

    private static final Supplier<LambdaResources> FROM_ENVIRONMENT =
            () -> AwsLambdaResources.fromEnvironment(System.getenv());

    private static final AtomicReference<Supplier<? extends LambdaResources>> RESOURCES =
            new AtomicReference<>(FROM_ENVIRONMENT);

    /** How one function is built from the context's shared beans. */
    record FunctionBean(String name, Type type, Function<GenericApplicationContext, Object> create) {
    }

    /** Restores the resources that were in use before an override. */
    public static final class ResourcesOverride implements AutoCloseable {
        private final Supplier<? extends LambdaResources> previous;

        private ResourcesOverride(Supplier<? extends LambdaResources> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            RESOURCES.set(previous);
        }
    }

    /**
     * Makes the contexts started from now on take their resources from {@code resources} instead of
     * building AWS clients from the environment. For tests and harnesses that run the real entry point
     * in-process; closing the returned handle restores the previous supplier.
     */
    public static ResourcesOverride overrideResources(Supplier<? extends LambdaResources> resources) {
        return new ResourcesOverride(RESOURCES.getAndSet(Objects.requireNonNull(resources, "resources")));
    }

    /** The resources of the functions built from now on: the container's, unless overridden. */
    static LambdaResources resources() {
        return RESOURCES.get().get();
    }

    /** Every function this configuration can register, by bean name. */
    static Map<String, FunctionBean> functions() {
        Map<String, FunctionBean> all = new LinkedHashMap<>();
        Type message = ResolvableType.forClassWithGenerics(Message.class, byte[].class).getType();
        all.put(INGEST_EVENTS, new FunctionBean(INGEST_EVENTS, FunctionTypeUtils.functionType(message, IngestOutcome.class),
                c -> new EventIngestFunction(INGEST_EVENTS, c.getBean(MessageIngester.class))));
        all.put(INGEST_QUEUE, new FunctionBean(INGEST_QUEUE,
                FunctionTypeUtils.functionType(SQSEvent.class, SQSBatchResponse.class),
                c -> new QueueIngestFunction(c.getBean(MessageIngester.class), c.getBean(LambdaResources.class).store())));
        all.put(INGEST_S3_LOGS, new FunctionBean(INGEST_S3_LOGS, FunctionTypeUtils.functionType(message, IngestOutcome.class),
                c -> new EventIngestFunction(INGEST_S3_LOGS, c.getBean(MessageIngester.class))));
        all.put(SWEEP_FAN_OUT, new FunctionBean(SWEEP_FAN_OUT, FunctionTypeUtils.functionType(message, FanOutSummary.class),
                c -> sweepFanOut(c.getBean(LambdaResources.class))));
        all.put(SWEEP_WORKER, new FunctionBean(SWEEP_WORKER,
                FunctionTypeUtils.functionType(SQSEvent.class, SQSBatchResponse.class),
                c -> sweepWorker(c.getBean(LambdaResources.class), () -> services(c))));
        all.put(ADMIN_API, new FunctionBean(ADMIN_API,
                FunctionTypeUtils.functionType(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
                c -> adminApi(c.getBean(LambdaResources.class), () -> services(c))));
        all.put(SIGN_CHECKPOINTS, new FunctionBean(SIGN_CHECKPOINTS,
                FunctionTypeUtils.functionType(SQSEvent.class, SQSBatchResponse.class),
                c -> new CheckpointSignerFunction(services(c).checkpointer().orElseThrow(() -> new SettingsException(
                        SIGN_CHECKPOINTS + " needs the ledger key: " + LambdaSettings.LEDGER_KEY_ARN + " is not set")))));
        all.put(MAINTAIN_LEDGER, new FunctionBean(MAINTAIN_LEDGER,
                FunctionTypeUtils.functionType(message, Map.class),
                c -> maintenance(services(c))));
        return all;
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        Supplier<? extends LambdaResources> resources = RESOURCES.get();
        Environment env = context.getEnvironment();
        quietPayloadLogging(env, context.getClassLoader());

        // Spring Cloud Function builds its JSON mapper from this one: AWS events name fields in any case
        // ("Records", "eventSourceARN"), which the event classes' bean properties match only so.
        context.registerBean(ObjectMapper.class, KeyLedgerLambdaConfiguration::eventMapper);
        // built with the context (not lazily), so that it is registered before Lambda takes the snapshot
        context.registerBean(SnapStartPriming.class, () -> SnapStartPriming.register(context.getBean(ObjectMapper.class)));
        context.registerBean(LambdaResources.class, resources::get, lazy());
        boolean signs = selected(env).stream().allMatch(f -> SIGNING_FUNCTIONS.contains(f.name()));
        context.registerBean(CORE_SERVICES, CoreServices.class,
                () -> services(context.getBean(LambdaResources.class), signs), lazy());
        context.registerBean(MessageIngester.class,
                () -> ingester(services(context), context.getBean(LambdaResources.class)), lazy());
        boolean named = !env.getProperty(DEFINITION, "").isBlank();
        for (FunctionBean function : selected(env)) {
            context.registerBean(function.name(), FunctionRegistration.class,
                    () -> new FunctionRegistration<>(build(function, context, named), function.name())
                            .type(function.type()));
        }
    }

    /**
     * The function, built now. The function a definition names must build: its failure (a setting missing)
     * fails the initialisation. Without a definition every function is registered, and one that cannot be
     * built with this container's settings fails only when it is called, with the reason it was not built.
     */
    private static Object build(FunctionBean function, GenericApplicationContext context, boolean named) {
        try {
            return function.create().apply(context);
        } catch (RuntimeException e) {
            if (named) {
                throw e;
            }
            return (Function<Object, Object>) input -> {
                throw new IllegalStateException(function.name() + " is not available in this container: "
                        + e.getMessage(), e);
            };
        }
    }

    /** The functions the definition names, or all of them when it names none. */
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
            FunctionBean f = all.get(name);
            if (f == null) {
                throw new SettingsException("SPRING_CLOUD_FUNCTION_DEFINITION names '" + name
                        + "', which is not a KeyLedger function (" + String.join(", ", all.keySet()) + ")");
            }
            out.add(f);
        }
        return out;
    }

    /**
     * The core services of every function of the container, assembled once: the store, the clock, the
     * tenant mapping and input limits of KEYLEDGER_TENANTS, the anomaly policies of KEYLEDGER_POLICY, and
     * alerts to the store and the sinks. Each service is built when a function first asks for it.
     */
    static CoreServices services(LambdaResources resources) {
        return services(resources, false);
    }

    /**
     * @param signs whether the container's functions sign with the ledger key ({@link #SIGNING_FUNCTIONS}
     *              only); the others verify with its public key and queue checkpoint requests
     */
    static CoreServices services(LambdaResources resources, boolean signs) {
        return CoreServices.of(resources.store(), resources.clock(), CoreSettings.DEFAULTS
                .withTenants(resources.settings().tenants())
                .withLimits(resources.settings().limits())
                .withTenantPolicies(resources.settings().policy())
                .withAlertSinks(resources.alertSinks())
                .withLedger(resources.ledger(signs)));
    }

    /** The daily maintenance: archive and purge; it needs the ledger key to sign what it attests. */
    static LedgerMaintenanceFunction maintenance(CoreServices services) {
        if (services.checkpointer().isEmpty()) {
            throw new SettingsException(MAINTAIN_LEDGER + " needs the ledger key: " + LambdaSettings.LEDGER_KEY_ARN
                    + " is not set");
        }
        return new LedgerMaintenanceFunction(services.storeTier(), services.archiver(), services.retention());
    }

    /**
     * The container's core services. A failure to assemble them (a setting missing) is rethrown as itself,
     * not wrapped by Spring, so that a function that cannot be built says why, as it did when it built
     * its services itself.
     */
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

    /**
     * The ingest of every ingest function: AWS formats read within the loosest of the tenants' limits (each event
     * is then held to its own tenant's), alerts to the store and the sinks.
     */
    static MessageIngester ingester(CoreServices services, LambdaResources resources) {
        return new MessageIngester(services.inventory(),
                Decoders.of(AwsDecoders.all()).withLimits(resources.settings().limits().reading()),
                Optional.of(resources.objects()));
    }

    /** The sweep queue, written by the fan-out, the admin API and the workers' follow-ups. */
    static SweepFanOut sweepQueue(LambdaResources resources, String queueUrl) {
        return new SweepFanOut(resources.sqs(), queueUrl, resources.settings().tenants(), PacingPolicy.aws(),
                resources.sleeper(), resources.random());
    }

    static SweepFanOutFunction sweepFanOut(LambdaResources resources) {
        String queueUrl = resources.settings().requireSweepQueueUrl();
        return new SweepFanOutFunction(resources.sweepScopes(), sweepQueue(resources, queueUrl), resources.clock());
    }

    /** The sweep worker; its own settings are checked before the core services are assembled. */
    static SweepWorkerFunction sweepWorker(LambdaResources resources, Supplier<CoreServices> services) {
        AwsSweepScopes scopes = resources.sweepScopes();
        SweepWorker worker = new SweepWorker(scopes::keySource, services.get());
        return new SweepWorkerFunction(worker,
                resources.settings().sweepQueueUrl().map(url -> sweepQueue(resources, url)));
    }

    /** The admin API; its own settings are checked before the core services are assembled. */
    static AdminApiFunction adminApi(LambdaResources resources, Supplier<CoreServices> services) {
        LambdaSettings settings = resources.settings();
        PrincipalMapping mapping = AdminPrincipalsJson.parse(settings.requireAdminPrincipals());
        Authenticator callers = new IamCallerAuthenticator(new IamPrincipalMapping(mapping));
        SweepLauncher sweeps = new QueueSweepLauncher(settings, resources::sweepScopes,
                sweepQueue(resources, settings.requireSweepQueueUrl()), resources.clock());
        CoreServices core = services.get();
        Reports reports = ReportService.of(core, mapping.grants());
        return new AdminApiFunction(new AdminApi(core, callers, reports, sweeps, settings.cursorSeal(),
                mapping.grants(), Optional.empty()));
    }

    static ObjectMapper eventMapper() {
        return JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build();
    }

    private static void quietPayloadLogging(Environment env, ClassLoader classLoader) {
        if (env.getProperty("logging.level." + PAYLOAD_LOGGER) == null) {
            LoggingSystem.get(classLoader).setLogLevel(PAYLOAD_LOGGER, LogLevel.WARN);
        }
    }

    private static BeanDefinitionCustomizer lazy() {
        return (BeanDefinition definition) -> definition.setLazyInit(true);
    }
}
