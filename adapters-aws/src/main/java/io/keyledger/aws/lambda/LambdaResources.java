package io.keyledger.aws.lambda;

import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.functions.ingest.ObjectReader;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the functions of one Lambda container share: its settings, clock, inventory store, the reader
 * of S3 objects, the alert sinks, and for the sweep functions the scopes with their key sources and the
 * SQS client of the sweep queue. Built once per container; a function asks only for the parts it uses,
 * so a production implementation builds each part (and its SDK client) on first request, which happens
 * while the function's beans are built at init, never while an invocation is handled.
 *
 * <p>{@link AwsLambdaResources} is the production implementation; tests and harnesses pass their own
 * through {@link #of} and {@link KeyLedgerLambdaConfiguration#overrideResources}.
 */
public interface LambdaResources {

    LambdaSettings settings();

    Clock clock();

    InventoryStore store();

    /** Opens the S3 objects that notifications name (CloudTrail log files). */
    ObjectReader objects();

    /** Where raised alerts go beside the store. */
    List<AlertSink> alertSinks();

    /**
     * The AWS scopes to sweep and each one's key source (assumed-role KMS clients, built per account and
     * Region at first use and kept for the container's life).
     *
     * @throws SettingsException when the sweep's settings are missing (the member role's name)
     */
    AwsSweepScopes sweepScopes();

    /** The SQS client the sweep queue is written with. */
    SqsClient sqs();

    /**
     * How this container's functions sign, anchor, verify and archive the ledger: with {@code signs} (the
     * signing and maintenance functions) the KMS ledger key signs; otherwise its public key only verifies,
     * and the writers ask for their checkpoints on the checkpoint queue. Without a ledger key configured,
     * nothing is signed. Building it does no I/O.
     */
    default LedgerSettings ledger(boolean signs) {
        return LedgerSettings.NONE;
    }

    /** How pacing and backoff wait. */
    default Sleeper sleeper() {
        return Sleeper.threads();
    }

    /** The jitter of backoff. */
    default RandomGenerator random() {
        return RandomGenerator.getDefault();
    }

    /** Resources made of ready parts, for tests and harnesses; add the sweep's with {@link Fixed#withSweeps}. */
    static Fixed of(LambdaSettings settings, Clock clock, InventoryStore store, ObjectReader objects,
                    List<AlertSink> alertSinks) {
        return new Fixed(settings, clock, store, objects, alertSinks, Optional.empty(), Optional.empty(),
                Sleeper.threads(), RandomGenerator.getDefault());
    }

    /**
     * Ready parts.
     *
     * @param scopes the sweep's scopes, if these resources serve the sweep functions
     * @param queue  the SQS client of the sweep queue, likewise
     */
    record Fixed(LambdaSettings settings, Clock clock, InventoryStore store, ObjectReader objects,
                 List<AlertSink> alertSinks, Optional<AwsSweepScopes> scopes, Optional<SqsClient> queue,
                 Sleeper sleeper, RandomGenerator random) implements LambdaResources {
        public Fixed {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(objects, "objects");
            alertSinks = List.copyOf(alertSinks);
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(random, "random");
        }

        /** The same parts with the sweep's. */
        public Fixed withSweeps(AwsSweepScopes sweepScopes, SqsClient sqs) {
            return new Fixed(settings, clock, store, objects, alertSinks, Optional.of(sweepScopes), Optional.of(sqs),
                    sleeper, random);
        }

        /** The same parts waiting through {@code waits} with the jitter of {@code jitter}. */
        public Fixed withPacing(Sleeper waits, RandomGenerator jitter) {
            return new Fixed(settings, clock, store, objects, alertSinks, scopes, queue, waits, jitter);
        }

        @Override
        public AwsSweepScopes sweepScopes() {
            return scopes.orElseThrow(() -> new IllegalStateException("these resources serve no sweep"));
        }

        @Override
        public SqsClient sqs() {
            return queue.orElseThrow(() -> new IllegalStateException("these resources have no SQS client"));
        }
    }
}
