package io.keyledger.azure.tables;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * Counts a Tables client's requests per operation ({@code Get Entity}, {@code Query Entities},
 * {@code Insert Entity}, {@code Update Entity}, {@code Insert Or Replace Entity}, {@code Delete Entity},
 * {@code Entity Group Transaction}, ...) and the requests that failed (HTTP 400 and above, a failed
 * condition included). Add it to the client's builder with {@code addPolicy(counter)}: it sits before
 * the retry policy, so a retried request counts once. Thread-safe.
 */
public final class TablesRequestCounter implements HttpPipelinePolicy {

    /** The operations that write. */
    public static final Set<String> WRITE_OPERATIONS = Set.of("Insert Entity", "Update Entity",
            "Insert Or Replace Entity", "Merge Entity", "Delete Entity", "Entity Group Transaction");
    /** The operations that read entities. */
    public static final Set<String> READ_OPERATIONS = Set.of("Get Entity", "Query Entities");

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String operation = operation(context.getHttpRequest());
        return next.process().doOnNext(r -> count(operation, r.getStatusCode()))
                .doOnError(e -> count(operation, 0));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String operation = operation(context.getHttpRequest());
        try {
            HttpResponse r = next.processSync();
            count(operation, r.getStatusCode());
            return r;
        } catch (RuntimeException e) {
            count(operation, 0);
            throw e;
        }
    }

    private void count(String operation, int status) {
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
        if (status == 0 || status >= 400) {
            failures.computeIfAbsent(operation, k -> new LongAdder()).increment();
        }
    }

    /** The Table service operation of a request, named as its REST reference names it. */
    static String operation(HttpRequest request) {
        String path = request.getUrl().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        HttpMethod method = request.getHttpMethod();
        if (last.equals("$batch")) {
            return "Entity Group Transaction";
        }
        boolean entity = last.contains("(") && last.contains("PartitionKey");
        if (last.startsWith("Tables")) {
            return method == HttpMethod.POST ? "Create Table" : method == HttpMethod.DELETE ? "Delete Table" : "Query Tables";
        }
        if (method == HttpMethod.GET) {
            return entity ? "Get Entity" : "Query Entities";
        }
        if (method == HttpMethod.POST) {
            return "Insert Entity";
        }
        if (method == HttpMethod.DELETE) {
            return "Delete Entity";
        }
        boolean conditional = request.getHeaders().getValue(com.azure.core.http.HttpHeaderName.IF_MATCH) != null;
        if (method == HttpMethod.PUT) {
            return conditional ? "Update Entity" : "Insert Or Replace Entity";
        }
        return conditional ? "Merge Entity" : "Insert Or Merge Entity";
    }

    /** The counts so far. */
    public Snapshot snapshot() {
        return new Snapshot(sums(requests), sums(failures));
    }

    public void reset() {
        requests.clear();
        failures.clear();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Counts at one moment, per operation name.
     *
     * @param requests requests made, whether they succeeded or failed (a failed condition is a failure)
     * @param failures requests answered with HTTP 400 or above, or with no answer
     */
    public record Snapshot(Map<String, Long> requests, Map<String, Long> failures) {

        public Snapshot {
            requests = Map.copyOf(requests);
            failures = Map.copyOf(failures);
        }

        public long requests(String operation) {
            return requests.getOrDefault(operation, 0L);
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

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(requests, earlier.requests), difference(failures, earlier.failures));
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
