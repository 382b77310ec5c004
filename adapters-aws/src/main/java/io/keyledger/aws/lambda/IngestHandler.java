package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.functions.ingest.MessageIngester;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * The Lambda handler of the ingest functions ({@value KeyLedgerLambdaConfiguration#INGEST_EVENTS},
 * {@value KeyLedgerLambdaConfiguration#INGEST_QUEUE}, {@value KeyLedgerLambdaConfiguration#INGEST_S3_LOGS}), the one
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} names: the same functions, built from the same resources and core
 * services as {@link KeyLedgerLambdaConfiguration} builds them, answering what Spring Cloud Function's
 * {@code FunctionInvoker} answers for them, but without starting Spring. Spring Boot and the function
 * catalog cost about as much CPU at a cold start as everything else together (bench/README.md); an ingest
 * function takes one JSON event or SQS batch and needs none of their conversions, routing or web support.
 *
 * <p>Everything is built at init, once per container, with no network call; a failure (a setting missing,
 * another function named) fails the initialisation. A failed ingest throws, so that Lambda retries the
 * event ({@code ingestEvents}, {@code ingestS3Logs}); an SQS batch is answered with its item failures.
 */
public final class IngestHandler implements RequestStreamHandler {

    /** The variable that names the function, as for Spring Cloud Function. */
    public static final String DEFINITION_VARIABLE = "SPRING_CLOUD_FUNCTION_DEFINITION";

    /** The functions it serves. */
    public static final List<String> INGEST_FUNCTIONS = List.of(KeyLedgerLambdaConfiguration.INGEST_EVENTS,
            KeyLedgerLambdaConfiguration.INGEST_QUEUE, KeyLedgerLambdaConfiguration.INGEST_S3_LOGS);

    @FunctionalInterface
    private interface Invocation {
        Object answer(byte[] payload, Context context) throws IOException;
    }

    private final String name;
    private final ObjectMapper json;
    private final Invocation invocation;
    private final SnapStartPriming priming;

    /** As Lambda builds it: the function {@code SPRING_CLOUD_FUNCTION_DEFINITION} names. */
    public IngestHandler() {
        this(System.getenv());
    }

    IngestHandler(Map<String, String> environment) {
        this.name = environment.getOrDefault(DEFINITION_VARIABLE, "").strip();
        if (!INGEST_FUNCTIONS.contains(name)) {
            throw new SettingsException(DEFINITION_VARIABLE + " names '" + name + "', which is not an ingest function ("
                    + String.join(", ", INGEST_FUNCTIONS) + "); the others run on Spring Cloud Function's FunctionInvoker");
        }
        LambdaResources resources = KeyLedgerLambdaConfiguration.resources();
        this.json = KeyLedgerLambdaConfiguration.eventMapper();
        this.invocation = switch (name) {
            case KeyLedgerLambdaConfiguration.INGEST_EVENTS, KeyLedgerLambdaConfiguration.INGEST_S3_LOGS -> {
                EventIngestFunction function = new EventIngestFunction(name, ingester(resources));
                yield (payload, context) -> function.ingest(requestId(context), payload);
            }
            case KeyLedgerLambdaConfiguration.INGEST_QUEUE -> {
                QueueIngestFunction function = new QueueIngestFunction(ingester(resources), resources.store());
                yield (payload, context) -> function.apply(json.readValue(payload, SQSEvent.class));
            }
            default -> throw new IllegalStateException("not an ingest function: " + name);
        };
        this.priming = SnapStartPriming.register(json);
    }

    private static MessageIngester ingester(LambdaResources resources) {
        CoreServices services = KeyLedgerLambdaConfiguration.services(resources);
        return KeyLedgerLambdaConfiguration.ingester(services, resources);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        output.write(json.writeValueAsBytes(invocation.answer(payload, context)));
    }

    /** The function this handler serves. */
    public String functionName() {
        return name;
    }

    /** Its SnapStart priming hook. */
    SnapStartPriming priming() {
        return priming;
    }

    /** The invocation's request id names the event in problems and logs. */
    private static String requestId(Context context) {
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "event";
    }
}
