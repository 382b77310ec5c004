package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.keyledger.functions.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda function URL request (payload format 2.0) as the admin API's plain {@link HttpRequest}: the
 * method from {@code requestContext.http.method}; the path {@code rawPath} as sent, still percent-encoded
 * (an encoded '/' inside a key id must stay inside its segment); the query parameters of
 * {@code rawQueryString}, decoded; the headers (cookies as one {@code cookie} header); the body,
 * base64-decoded when Lambda encoded it; the caller's address from {@code requestContext.http.sourceIp}.
 *
 * <p>The signer's ARN ({@code requestContext.authorizer.iam.userArn}) goes into the header
 * {@value IamCallerAuthenticator#CALLER_HEADER}, after every header of that name the caller sent is dropped:
 * see {@link IamCallerAuthenticator}.
 */
final class FunctionUrlRequests {

    private FunctionUrlRequests() {
    }

    /** A request that cannot be read (a malformed query or body encoding); the message names the part. */
    static final class MalformedRequestException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String in;
        private final String field;

        MalformedRequestException(String in, String field, String message) {
            super(message);
            this.in = in;
            this.field = field;
        }

        String in() {
            return in;
        }

        String field() {
            return field;
        }
    }

    static HttpRequest toHttpRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
        String method = http != null && http.getMethod() != null ? http.getMethod() : "GET";
        String path = event.getRawPath() == null || event.getRawPath().isEmpty() ? "/" : event.getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null
                        && !name.toLowerCase(Locale.ROOT).equals(IamCallerAuthenticator.CALLER_HEADER)) {
                    headers.put(name, value);
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));
        }
        callerArn(context).ifPresent(arn -> headers.put(IamCallerAuthenticator.CALLER_HEADER, arn));
        return new HttpRequest(method, path, query(event.getRawQueryString()), headers, body(event),
                Optional.ofNullable(http == null ? null : http.getSourceIp()).filter(ip -> !ip.isBlank()));
    }

    /** The ARN of the IAM principal that signed the request, as Lambda verified it. */
    static Optional<String> callerArn(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getAuthorizer().getIam().getUserArn()).filter(a -> !a.isBlank());
    }

    /** {@code a=1&b=x%20y&a=2}: each parameter with its values in order; '+' is a space, as in forms. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("query", printable(field), "is not percent-encoded correctly");
        }
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("body", "", "Lambda marked the body base64 but it is not");
        }
    }

    /** A name fit for an error message: at most 64 characters, no control characters. */
    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
