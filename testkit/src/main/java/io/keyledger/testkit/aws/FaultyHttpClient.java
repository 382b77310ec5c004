package io.keyledger.testkit.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client in front of the real one that answers some requests itself with the error responses
 * DynamoDB sends (JSON 1.0, {@code __type} naming the error), as planned by the test, and passes the
 * others on. Thread-safe.
 */
public final class FaultyHttpClient implements SdkHttpClient {

    /** One planned failure: the next request of {@code operation} (any operation if empty) gets this answer. */
    public record Fault(Optional<String> operation, int status, String errorCode, String message) {

        public static Fault any(int status, String errorCode) {
            return new Fault(Optional.empty(), status, errorCode, "injected " + errorCode);
        }

        public static Fault on(String operation, int status, String errorCode) {
            return new Fault(Optional.of(operation), status, errorCode, "injected " + errorCode);
        }
    }

    private final SdkHttpClient delegate;
    private final Deque<Fault> planned = new ArrayDeque<>();
    private final List<String> injected = new ArrayList<>();

    public FaultyHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public synchronized void plan(Fault... faults) {
        planned.addAll(List.of(faults));
    }

    /** The operations that got an injected failure, in order. */
    public synchronized List<String> injected() {
        return List.copyOf(injected);
    }

    public synchronized int stillPlanned() {
        return planned.size();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        Optional<Fault> fault = take(operation);
        if (fault.isEmpty()) {
            return delegate.prepareRequest(request);
        }
        Fault f = fault.get();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + f.errorCode() + "\",\"message\":\""
                        + f.message() + "\"}").getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(f.status())
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .putHeader("x-amzn-RequestId", "injected").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    /** Faults are served in the order planned: one for another operation waits for that operation. */
    private synchronized Optional<Fault> take(String operation) {
        Fault f = planned.peek();
        if (f == null || (f.operation().isPresent() && !f.operation().get().equals(operation))) {
            return Optional.empty();
        }
        planned.poll();
        injected.add(operation);
        return Optional.of(f);
    }

    @Override
    public String clientName() {
        return "faulty-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
