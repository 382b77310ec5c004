package io.keyledger.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.keyledger.aws.lambda.AwsLambdaResources;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaResources;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the Lambda children share: the production resources (real S3 and SNS clients, built without a network)
 * except the store, which is in memory, and one EventBridge event sent through the child's entry point.
 */
final class LambdaChild {

    private LambdaChild() {
    }

    static void useInMemoryStore() {
        KeyLedgerLambdaConfiguration.overrideResources(() -> {
            AwsLambdaResources aws = AwsLambdaResources.fromEnvironment(System.getenv());
            return LambdaResources.of(aws.settings(), aws.clock(), new InMemoryInventoryStore(aws.clock()),
                    aws.objects(), aws.alertSinks());
        });
    }

    /** Marks the handler ready, sends it the event and marks the first response, which must apply the event. */
    static void ingestOneEvent(RequestStreamHandler handler) throws IOException {
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
