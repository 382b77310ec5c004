package io.keyledger.aws.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts a DynamoDB client's requests per operation, the HTTP attempts they took (so the retries), the
 * requests that failed, and the capacity units DynamoDB reported as consumed (the store asks for the
 * table's total on every call; index writes and failed conditional writes are not reported). Add it to
 * the client with {@code overrideConfiguration(o -> o.addExecutionInterceptor(counter))}. Thread-safe.
 */
public final class DynamoDbRequestCounter implements ExecutionInterceptor {

    /** The operations that write. */
    public static final Set<String> WRITE_OPERATIONS = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    /** The operations that read items. */
    public static final Set<String> READ_OPERATIONS = Set.of("GetItem", "BatchGetItem", "Query", "Scan",
            "TransactGetItems");

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count(attempts, attributes);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(requests, attributes);
        addCapacity(context.response(), WRITE_OPERATIONS.contains(operation(attributes)));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(requests, attributes);
        count(failures, attributes);
    }

    private static String operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }

    private static void count(Map<String, LongAdder> counts, ExecutionAttributes attributes) {
        counts.computeIfAbsent(operation(attributes), k -> new LongAdder()).increment();
    }

    private void addCapacity(SdkResponse response, boolean write) {
        List<ConsumedCapacity> consumed;
        if (response instanceof PutItemResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof GetItemResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof ScanResponse r) {
            consumed = single(r.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse r) {
            consumed = r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        } else if (response instanceof BatchGetItemResponse r) {
            consumed = r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        } else {
            consumed = List.of();
        }
        for (ConsumedCapacity c : consumed) {
            if (c.capacityUnits() != null) {
                (write ? writeUnits : readUnits).add(c.capacityUnits());
            }
        }
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity c) {
        return c == null ? List.of() : List.of(c);
    }

    /** The counts so far. */
    public Snapshot snapshot() {
        return new Snapshot(sums(requests), sums(attempts), sums(failures), readUnits.sum(), writeUnits.sum());
    }

    public void reset() {
        requests.clear();
        attempts.clear();
        failures.clear();
        readUnits.reset();
        writeUnits.reset();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Counts at one moment, per operation name ("PutItem", "Query", ...).
     *
     * @param requests  requests made, whether they succeeded or failed (a failed condition is a failure)
     * @param attempts  HTTP attempts, retries included
     * @param failures  requests that ended in an exception
     */
    public record Snapshot(Map<String, Long> requests, Map<String, Long> attempts, Map<String, Long> failures,
                           double readCapacityUnits, double writeCapacityUnits) {

        public Snapshot {
            requests = Map.copyOf(requests);
            attempts = Map.copyOf(attempts);
            failures = Map.copyOf(failures);
        }

        public long requests(String operation) {
            return requests.getOrDefault(operation, 0L);
        }

        public long attempts(String operation) {
            return attempts.getOrDefault(operation, 0L);
        }

        public long writeRequests() {
            return sum(requests, WRITE_OPERATIONS);
        }

        public long readRequests() {
            return sum(requests, READ_OPERATIONS);
        }

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Attempts beyond the first of each request: what the SDK's retry strategy sent again. */
        public long retries() {
            return attempts.values().stream().mapToLong(Long::longValue).sum() - totalRequests();
        }

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(requests, earlier.requests), difference(attempts, earlier.attempts),
                    difference(failures, earlier.failures), readCapacityUnits - earlier.readCapacityUnits,
                    writeCapacityUnits - earlier.writeCapacityUnits);
        }

        private static long sum(Map<String, Long> counts, Set<String> operations) {
            return counts.entrySet().stream().filter(e -> operations.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> out = new TreeMap<>();
            now.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d != 0) {
                    out.put(k, d);
                }
            });
            return out;
        }
    }
}
