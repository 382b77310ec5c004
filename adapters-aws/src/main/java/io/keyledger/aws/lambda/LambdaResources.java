package io.keyledger.aws.lambda;

import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.ingest.ObjectReader;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What the functions of one Lambda container share: its settings, clock, inventory store, the reader
 * of S3 objects and the alert sinks. Built once per container; a function asks only for the parts it
 * uses, so a production implementation builds each part (and its SDK client) on first request, which
 * happens while the function's beans are built at init, never while an invocation is handled.
 *
 * <p>{@link AwsLambdaResources} is the production implementation; tests and the cold-start harness
 * pass their own through {@link #of} and {@link KeyLedgerLambdaConfiguration#overrideResources}.
 * The sweep functions will add their clients (KMS key source, sweep queue) here.
 */
public interface LambdaResources {

    LambdaSettings settings();

    Clock clock();

    InventoryStore store();

    /** Opens the S3 objects that notifications name (CloudTrail log files). */
    ObjectReader objects();

    /** Where raised alerts go beside the store. */
    List<AlertSink> alertSinks();

    /** Resources made of ready parts, for tests and harnesses. */
    static LambdaResources of(LambdaSettings settings, Clock clock, InventoryStore store, ObjectReader objects,
                              List<AlertSink> alertSinks) {
        return new Fixed(settings, clock, store, objects, alertSinks);
    }

    /** Ready parts. */
    record Fixed(LambdaSettings settings, Clock clock, InventoryStore store, ObjectReader objects,
                 List<AlertSink> alertSinks) implements LambdaResources {
        public Fixed {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(objects, "objects");
            alertSinks = List.copyOf(alertSinks);
        }
    }
}
