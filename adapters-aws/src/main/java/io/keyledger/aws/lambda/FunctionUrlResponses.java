package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin API's {@link HttpResponse} as a Lambda function URL response (payload format 2.0): status,
 * headers, and the body as text for JSON, problem, CSV and HTML answers ({@code text/*},
 * {@code application/json}, {@code application/*+json}), base64 for anything else.
 *
 * <p>A function URL returns at most 6 MB (Lambda's limit on a synchronous response), and the whole
 * body is held in memory to be returned. A body whose encoded form would not fit, with room for the
 * status and headers, is not sent: the answer is a 413 problem of type {@value #TOO_LARGE} saying what
 * to ask for instead. The body is written into a buffer that stops at the limit, so a report of a million
 * keys never fills the function's memory.
 */
final class FunctionUrlResponses {

    private static final Logger LOG = System.getLogger(FunctionUrlResponses.class.getName());

    /** Lambda's limit on the response of a synchronous invocation. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** Room left for the status, the headers and the response's JSON. */
    static final int ENVELOPE_BYTES = 32 * 1024;
    /** The largest body a response carries, as it is encoded in the response's JSON. */
    static final int MAX_ENCODED_BODY_BYTES = MAX_RESPONSE_BYTES - ENVELOPE_BYTES;

    static final String TOO_LARGE = "urn:keyledger:problem:response-too-large";
    static final String INVALID = "urn:keyledger:problem:invalid-request";

    private FunctionUrlResponses() {
    }

    static APIGatewayV2HTTPResponse toResponse(HttpResponse response, String path) {
        return toResponse(response, path, MAX_ENCODED_BODY_BYTES);
    }

    static APIGatewayV2HTTPResponse toResponse(HttpResponse response, String path, int maxEncodedBody) {
        boolean text = isText(response.contentType());
        // base64 makes 4 bytes of 3; JSON escaping at least keeps the length
        int maxRaw = text ? maxEncodedBody : maxEncodedBody / 4 * 3;
        BoundedBuffer buffer = new BoundedBuffer(maxRaw);
        try {
            response.body().writeTo(buffer);
        } catch (IOException | RuntimeException e) {
            if (!buffer.overflowed()) {
                LOG.log(Level.ERROR, "the admin API's answer to " + path + " could not be written", e);
                return problem(500, "about:blank", "Internal Server Error",
                        "the answer could not be completed; the failure is logged", path, List.of());
            }
        }
        if (buffer.overflowed() || text && escapedLength(buffer.bytes()) > maxEncodedBody) {
            return tooLarge(path);
        }
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(response.status());
        out.setHeaders(new LinkedHashMap<>(response.headers()));
        byte[] bytes = buffer.bytes();
        if (bytes.length > 0) {
            out.setBody(text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes));
            out.setIsBase64Encoded(!text);
        }
        return out;
    }

    static APIGatewayV2HTTPResponse tooLarge(String path) {
        return problem(413, TOO_LARGE, "Response too large", "the answer is larger than the "
                + (MAX_RESPONSE_BYTES / (1024 * 1024)) + " MB a Lambda function URL can return: ask for less "
                + "(a smaller 'limit' per page; a report narrowed with key filters or 'from' and 'to'; "
                + "a report in CSV rather than JSON or CycloneDX)", path, List.of());
    }

    /** An RFC 9457 problem, with the headers every answer of the API carries. */
    static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail, String path,
                                            List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/problem+json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(status);
        out.setHeaders(new LinkedHashMap<>(headers));
        out.setBody(Json.write(body));
        out.setIsBase64Encoded(false);
        return out;
    }

    /** Text the response carries as it is: JSON (problems and CycloneDX included), CSV, HTML. */
    static boolean isText(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json");
    }

    /** The length of UTF-8 text once written as a JSON string's content. */
    static long escapedLength(byte[] utf8) {
        long length = 0;
        for (byte b : utf8) {
            if (b == '"' || b == '\\') {
                length += 2;
            } else if (b >= 0 && b < 0x20) {
                length += b == '\n' || b == '\r' || b == '\t' || b == '\b' || b == '\f' ? 2 : 6;
            } else {
                length += 1;
            }
        }
        return length;
    }

    /** Keeps at most {@code limit} bytes; one more marks it overflowed and ends the writing. */
    static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private boolean overflowed;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (overflowed || bytes.size() + (long) len > limit) {
                overflowed = true;
                throw new IOException("the answer exceeds " + limit + " bytes");
            }
            bytes.write(b, off, len);
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
