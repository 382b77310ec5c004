package io.keyledger.functions.api;

import io.keyledger.core.access.Principal;
import io.keyledger.functions.http.HttpRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorised request: the caller, the tenant it acts in, and the request's parameters. Query
 * parameters reach a handler only once each, and only those its route takes.
 */
final class ApiCall {

    private final HttpRequest request;
    private final Principal principal;
    private final String tenant;
    private final Map<String, String> pathParameters;
    private final String listing;
    private final CursorSeal cursors;

    ApiCall(HttpRequest request, Principal principal, String tenant, Map<String, String> pathParameters) {
        this(request, principal, tenant, pathParameters, request.method() + " " + request.path(), CursorSeal.random());
    }

    /**
     * @param listing what a page cursor of this call belongs to: the route and its path parameters
     * @param cursors seals the cursors this call hands out and opens those it is given
     */
    ApiCall(HttpRequest request, Principal principal, String tenant, Map<String, String> pathParameters,
            String listing, CursorSeal cursors) {
        this.request = Objects.requireNonNull(request, "request");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.pathParameters = Map.copyOf(pathParameters);
        this.listing = Objects.requireNonNull(listing, "listing");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    /** The cursor to hand out for the store's next-page cursor. */
    Optional<String> sealCursor(Optional<String> storeCursor) {
        return storeCursor.map(c -> cursors.seal(listing, tenant, c));
    }

    /** The store's cursor inside a cursor of this listing and tenant; empty if it is not one. */
    Optional<String> openCursor(String cursor) {
        return cursors.open(listing, tenant, cursor);
    }

    HttpRequest request() {
        return request;
    }

    Principal principal() {
        return principal;
    }

    String tenant() {
        return tenant;
    }

    /** A decoded path parameter of the route. */
    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** A query parameter's value, if given. */
    Optional<String> query(String name) {
        return request.queryParam(name);
    }

    Optional<String> header(String name) {
        return request.header(name);
    }

    /** The request's path, as a problem's {@code instance}. */
    String instance() {
        return request.path();
    }
}
