package io.keyledger.bench.coldstart;

import io.keyledger.aws.lambda.IngestHandler;
import java.io.IOException;

/**
 * The ingest functions' deployed entry point as Lambda runs it: {@link IngestHandler} built once for the
 * function {@code SPRING_CLOUD_FUNCTION_DEFINITION} names, then called on one EventBridge event. The
 * resources are the production ones (real S3 and SNS clients, built without a network) except the store,
 * which is in memory, as for the other children.
 */
public final class HandlerColdStart {

    private HandlerColdStart() {
    }

    public static void main(String[] args) throws IOException {
        LambdaChild.useInMemoryStore();
        IngestHandler handler = new IngestHandler();
        LambdaChild.ingestOneEvent(handler);
    }
}
