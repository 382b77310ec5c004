package io.keyledger.bench.coldstart;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.aws.lambda.AwsLambdaResources;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.List;
import java.util.Optional;

/**
 * The same work as the Lambda child without Spring: the same SDK clients (S3, SNS), the same ingest
 * of the same event into an in-memory store, from a plain main.
 */
public final class PlainColdStart {

    private PlainColdStart() {
    }

    public static void main(String[] args) {
        AwsLambdaResources aws = AwsLambdaResources.fromEnvironment(System.getenv());
        InMemoryInventoryStore store = new InMemoryInventoryStore(aws.clock());
        CoreServices services = CoreServices.of(store, aws.clock(), CoreSettings.DEFAULTS
                .withTenants(aws.settings().tenants())
                .withTenantPolicies(aws.settings().policy())
                .withAlertSinks(aws.alertSinks()));
        MessageIngester ingester = new MessageIngester(services.inventory(), Decoders.of(AwsDecoders.all()),
                Optional.of(aws.objects()));
        ChildReport.init();
        IngestOutcome outcome = ingester.ingest(List.of(new InboundMessage("event", ColdStartEvent.bytes())), false);
        if (outcome.applied() != 1) {
            throw new IllegalStateException("expected one applied event: " + outcome);
        }
        ChildReport.first();
    }
}
