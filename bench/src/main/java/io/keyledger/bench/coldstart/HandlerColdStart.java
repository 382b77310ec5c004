package io.keyledger.bench.coldstart;

import io.keyledger.aws.lambda.AwsLambdaResources;
import io.keyledger.aws.lambda.IngestHandler;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaResources;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
        KeyLedgerLambdaConfiguration.overrideResources(() -> {
            AwsLambdaResources aws = AwsLambdaResources.fromEnvironment(System.getenv());
            return LambdaResources.of(aws.settings(), aws.clock(), new InMemoryInventoryStore(aws.clock()),
                    aws.objects(), aws.alertSinks());
        });
        IngestHandler handler = new IngestHandler();
        ChildReport.init();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(ColdStartEvent.bytes()), out,
                new LambdaContext("c01d5a17-0000-4000-8000-000000000001", "keyledger-ingest-events"));
        String response = out.toString(StandardCharsets.UTF_8);
        if (!response.contains("\"applied\":1")) {
            throw new IllegalStateException("expected one applied event: " + response);
        }
        ChildReport.first();
    }
}
