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
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The same function as a conventional Spring Boot application (configuration class, {@code @Bean}
 * methods, auto-configuration), for comparison with the functional registration of
 * {@code KeyLedgerLambdaConfiguration}. Never deployed.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClassicLambdaApplication {

    @Bean
    AwsLambdaResources resources() {
        return AwsLambdaResources.fromEnvironment(System.getenv());
    }

    @Bean
    MessageIngester ingester(AwsLambdaResources aws) {
        InMemoryInventoryStore store = new InMemoryInventoryStore(aws.clock());
        CoreServices services = CoreServices.of(store, aws.clock(), CoreSettings.DEFAULTS
                .withTenants(aws.settings().tenants())
                .withTenantPolicies(aws.settings().policy())
                .withAlertSinks(aws.alertSinks()));
        return new MessageIngester(services.inventory(), Decoders.of(AwsDecoders.all()), Optional.of(aws.objects()));
    }

    @Bean
    Function<Message<byte[]>, IngestOutcome> ingestEvents(MessageIngester ingester) {
        return event -> ingester.ingest(List.of(new InboundMessage("event", event.getPayload())), false);
    }
}
