package io.keyledger.azure.keyvault;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Refuses, before it is authorised or sent, any request of a sweep's client that has no row in
 * {@link AzureSweepOperation} for its plane, and counts the requests of each row (retries of the SDK
 * included: each is a request the service meters). Each sweep client carries one: the {@code KeyClient} of a
 * vault, and the Resource Manager pipeline.
 */
public final class DeclaredOperations implements HttpPipelinePolicy {

    private final AzureSweepOperation.Plane plane;
    private final Map<AzureSweepOperation, AtomicLong> sent = new EnumMap<>(AzureSweepOperation.class);

    public DeclaredOperations(AzureSweepOperation.Plane plane) {
        this.plane = Objects.requireNonNull(plane, "plane");
        AzureSweepOperation.of(plane).forEach(o -> sent.put(o, new AtomicLong()));
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        try {
            check(context.getHttpRequest());
        } catch (UndeclaredOperationException e) {
            return Mono.error(e);
        }
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest());
        return next.processSync();
    }

    private void check(HttpRequest request) {
        String method = request.getHttpMethod().name();
        String path = request.getUrl().getPath();
        AzureSweepOperation row = AzureSweepOperation.find(plane, method, path)
                .orElseThrow(() -> new UndeclaredOperationException(plane, method, path));
        sent.get(row).incrementAndGet();
    }

    /** Requests sent so far, by operation name ({@code GetKeys}, ...), in the table's order. */
    public Map<String, Long> requests() {
        Map<String, Long> out = new LinkedHashMap<>();
        sent.forEach((row, n) -> out.merge(row.operationName(), n.get(), Long::sum));
        return out;
    }
}
