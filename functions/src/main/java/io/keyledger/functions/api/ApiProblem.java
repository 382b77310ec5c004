package io.keyledger.functions.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request the API refuses, as an RFC 9457 problem. Thrown by the handlers and turned into an
 * {@code application/problem+json} response in one place; it carries no stack trace, since it is an
 * answer, not a failure.
 *
 * @see Problems
 */
final class ApiProblem extends RuntimeException {

    static final String VALIDATION = "urn:keyledger:problem:invalid-request";
    static final String AMBIGUOUS_TENANT = "urn:keyledger:problem:ambiguous-tenant";
    static final String CONFLICT = "urn:keyledger:problem:conflict";
    static final String IDEMPOTENCY_KEY_REUSED = "urn:keyledger:problem:idempotency-key-reused";
    static final String BLANK = "about:blank";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    ApiProblem(int status, String type, String title, String detail, List<FieldError> errors,
               Map<String, String> headers) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }

    List<FieldError> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** 400 for invalid fields; the detail names the first (or says how many). */
    static ApiProblem invalid(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        String detail = errors.size() == 1 ? errors.get(0).sentence()
                : errors.size() + " invalid fields; the first is " + errors.get(0).sentence();
        return new ApiProblem(400, VALIDATION, "Invalid request", detail, errors, Map.of());
    }

    static ApiProblem invalid(FieldError error) {
        return invalid(List.of(error));
    }

    static ApiProblem ambiguousTenant(String detail) {
        return new ApiProblem(400, AMBIGUOUS_TENANT, "Tenant not named", detail,
                List.of(FieldError.query("tenant", "required: the caller has roles in more than one tenant")),
                Map.of());
    }

    static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, BLANK, "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"keyledger\""));
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, BLANK, "Forbidden", detail, List.of(), Map.of());
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, BLANK, "Not Found", detail, List.of(), Map.of());
    }

    static ApiProblem methodNotAllowed(String method, List<String> allowed) {
        return new ApiProblem(405, BLANK, "Method Not Allowed", method + " is not allowed here; allowed: "
                + String.join(", ", allowed), List.of(), Map.of("Allow", String.join(", ", allowed)));
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, CONFLICT, "Conflict", detail, List.of(), Map.of());
    }

    static ApiProblem tooLarge(String detail) {
        return new ApiProblem(413, BLANK, "Content Too Large", detail, List.of(), Map.of());
    }

    static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, BLANK, "Unsupported Media Type", detail, List.of(),
                Map.of("Accept-Post", "application/json"));
    }

    static ApiProblem idempotencyKeyReused(String detail) {
        return new ApiProblem(422, IDEMPOTENCY_KEY_REUSED, "Idempotency-Key reused", detail,
                List.of(FieldError.header("Idempotency-Key", "already used for a different request")), Map.of());
    }

    static ApiProblem internal() {
        return new ApiProblem(500, BLANK, "Internal Server Error",
                "the request failed on the server; it has been logged", List.of(), Map.of());
    }
}
