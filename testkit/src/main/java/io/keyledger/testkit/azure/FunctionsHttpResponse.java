package io.keyledger.testkit.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An HTTP trigger's response as the worker takes it from a function: status, headers, the whole body. */
public final class FunctionsHttpResponse implements HttpResponseMessage {

    private final HttpStatusType status;
    private final Map<String, String> headers;
    private final Object body;

    private FunctionsHttpResponse(HttpStatusType status, Map<String, String> headers, Object body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** What a function's response is, for assertions. */
    public static FunctionsHttpResponse of(HttpResponseMessage message) {
        return (FunctionsHttpResponse) message;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** The body as text (bytes read as UTF-8); empty when there is none. */
    public String text() {
        if (body == null) {
            return "";
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body.toString();
    }

    /** Builds responses. */
    static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new TreeMap<>();
        private Object body;

        Builder(HttpStatusType status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType s) {
            this.status = Objects.requireNonNull(s, "status");
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object b) {
            this.body = b;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new FunctionsHttpResponse(status, Map.copyOf(headers), body);
        }
    }
}
