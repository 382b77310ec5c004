package io.keyledger.gcp.functions;

import com.google.cloud.functions.HttpFunction;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Entry point of the tenant admin API: an HTTP function serving the provider-neutral API
 * ({@value KeyLedgerGcpConfiguration#ADMIN_API} in the function catalog, from {@code AdminApiConfiguration}).
 * Callers present a Google-signed ID token whose audience is the function's URL; the API verifies it
 * (issuer, audience, signature with Google's published keys, expiry) and maps the verified e-mail to tenant
 * roles (KEYLEDGER_ADMIN_PRINCIPALS). Answers are streamed.
 */
public final class AdminApiRequests implements HttpFunction, AutoCloseable {

    /** Admin requests are small JSON documents; nothing legitimate comes near this. */
    static final int MAX_BODY = 1024 * 1024;

    private final FunctionContext<Function<HttpRequest, HttpResponse>> context;
    private final Function<HttpRequest, HttpResponse> api;
    private final Optional<String> functionName;

    /** Called once per instance by the Functions Framework: builds the API and its clients. */
    public AdminApiRequests() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.ADMIN_API, Function.class),
                Optional.ofNullable(System.getenv(GcpSettings.K_SERVICE)).filter(s -> !s.isBlank()));
    }

    /** @param functionName the function's name, which a {@code cloudfunctions.net} address puts before the path */
    AdminApiRequests(FunctionContext<Function<HttpRequest, HttpResponse>> context, Optional<String> functionName) {
        this.context = Objects.requireNonNull(context, "context");
        this.api = context.function();
        this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    @Override
    public void service(com.google.cloud.functions.HttpRequest request, com.google.cloud.functions.HttpResponse response)
            throws Exception {
        byte[] body;
        try {
            body = FrameworkHttp.body(request, MAX_BODY);
        } catch (FrameworkHttp.BodyTooLarge e) {
            FrameworkHttp.problem(response, 413, FrameworkHttp.TOO_LARGE, "Request too large", e.getMessage(),
                    FrameworkHttp.rawPath(request));
            return;
        }
        FrameworkHttp.write(api.apply(FrameworkHttp.toApiRequest(request, body, functionName)), response);
    }

    @Override
    public void close() {
        context.close();
    }
}
