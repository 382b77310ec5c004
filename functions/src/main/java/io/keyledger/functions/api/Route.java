package io.keyledger.functions.api;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.functions.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One endpoint: method and path template ("/keys/{id}/history"), the operation access control checks
 * (none for the public OpenAPI document), the resource kind and the path parameter naming it, and the
 * query parameters it takes besides {@code tenant}.
 */
record Route(String method, String template, Optional<Operation> operation, Resource.Kind kind,
             Optional<String> idParameter, Set<String> queryParameters, Handler handler, int maxBodyBytes) {

    /** Answers one authorised call. */
    @FunctionalInterface
    interface Handler {
        HttpResponse handle(ApiCall call);
    }

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idParameter, "idParameter");
        queryParameters = Set.copyOf(queryParameters);
        Objects.requireNonNull(handler, "handler");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
    }

    static Route of(String method, String template, Operation operation, Resource.Kind kind,
                    Set<String> queryParameters, Handler handler) {
        Optional<String> id = segments(template).stream().filter(Route::isParameter).reduce((a, b) -> b)
                .map(s -> s.substring(1, s.length() - 1));
        return new Route(method, template, Optional.of(operation), kind, id, queryParameters, handler,
                AdminApi.MAX_BODY_BYTES);
    }

    /** The same route, taking request bodies of up to {@code bytes} (a feed is larger than any other body). */
    Route withMaxBody(int bytes) {
        return new Route(method, template, operation, kind, idParameter, queryParameters, handler, bytes);
    }

    /** A route anyone may call, without credentials or tenant: its answer depends on nothing of the call. */
    static Route open(String method, String template, Supplier<HttpResponse> answer) {
        return new Route(method, template, Optional.empty(), Resource.Kind.TENANT, Optional.empty(), Set.of(),
                call -> answer.get(), AdminApi.MAX_BODY_BYTES);
    }

    boolean authenticated() {
        return operation.isPresent();
    }

    List<String> templateSegments() {
        return segments(template);
    }

    static List<String> segments(String template) {
        return List.of(template.substring(1).split("/", -1));
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
