package io.keyledger.testkit.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP trigger's request as the Functions worker builds it: the full URL (the host's route prefix and the
 * function's route in its path), headers by lower-case name, the query parameters decoded (last value wins,
 * as the worker's map has one per name), and the body as text. Its response builder makes
 * {@link FunctionsHttpResponse}s.
 */
public final class FunctionsHttpRequest implements HttpRequestMessage<Optional<String>> {

    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<String> body = Optional.empty();

    public FunctionsHttpRequest(HttpMethod method, String url) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = URI.create(url);
    }

    public static FunctionsHttpRequest get(String url) {
        return new FunctionsHttpRequest(HttpMethod.GET, url);
    }

    public static FunctionsHttpRequest post(String url, String body) {
        return new FunctionsHttpRequest(HttpMethod.POST, url).body(body);
    }

    public FunctionsHttpRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public FunctionsHttpRequest body(String text) {
        this.body = Optional.of(text);
        return this;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return Map.copyOf(headers);
    }

    @Override
    public Map<String, String> getQueryParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public Optional<String> getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new FunctionsHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new FunctionsHttpResponse.Builder(status);
    }
}
