package io.keyledger.aws.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS's Publish as the SDK speaks it (AWS query protocol: a form-encoded POST with
 * {@code Action=Publish&Version=2010-03-31}, answered in XML), on a loopback port. It checks what SNS
 * checks (the topic exists, the subject is at most 100 printable ASCII characters, a FIFO topic gets a
 * message group), and can be told to answer the next requests with an error, as SNS does when it
 * throttles ({@code 429 Throttled}) or fails ({@code 500 InternalError}).
 */
final class SnsWireFake implements AutoCloseable {

    /** One accepted Publish: its parameters and decoded message attributes. */
    record Published(Map<String, String> params, Map<String, String> attributes) {
        String param(String name) {
            return params.get(name);
        }
    }

    private record Failure(int status, String type, String code, String message) {
    }

    private final HttpServer server;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Published> published = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int requests;

    SnsWireFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    SnsClient client() {
        return SnsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    void createTopic(String arn) {
        topics.add(arn);
    }

    synchronized void failNext(int times, int status, String code) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, status >= 500 ? "Receiver" : "Sender", code, code + " (injected)"));
        }
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    synchronized int requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            synchronized (this) {
                requests++;
                if (!"POST".equals(exchange.getRequestMethod())) {
                    error(exchange, new Failure(405, "Sender", "InvalidAction", "only POST"));
                    return;
                }
                if (!"Publish".equals(params.get("Action")) || !"2010-03-31".equals(params.get("Version"))) {
                    error(exchange, new Failure(400, "Sender", "InvalidAction",
                            "unsupported action " + params.get("Action") + " version " + params.get("Version")));
                    return;
                }
                Failure injected = failures.poll();
                if (injected != null) {
                    error(exchange, injected);
                    return;
                }
                Failure invalid = validate(params);
                if (invalid != null) {
                    error(exchange, invalid);
                    return;
                }
                published.add(new Published(params, attributes(params)));
            }
            respond(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                    + "</PublishResponse>");
        }
    }

    private Failure validate(Map<String, String> params) {
        String topic = params.get("TopicArn");
        if (topic == null || !topics.contains(topic)) {
            return new Failure(404, "Sender", "NotFound", "Topic does not exist");
        }
        String message = params.get("Message");
        if (message == null || message.isEmpty()) {
            return new Failure(400, "Sender", "InvalidParameter", "Invalid parameter: Empty message");
        }
        String subject = params.get("Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > 100
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            return new Failure(400, "Sender", "InvalidParameter", "Invalid parameter: Subject");
        }
        if (topic.endsWith(".fifo") && params.get("MessageGroupId") == null) {
            return new Failure(400, "Sender", "InvalidParameter",
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        return null;
    }

    /** {@code MessageAttributes.entry.N.Name} / {@code .Value.DataType} / {@code .Value.StringValue}. */
    private static Map<String, String> attributes(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        for (int n = 1; params.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            if (!"String".equals(params.get(prefix + ".Value.DataType"))) {
                throw new IllegalStateException(prefix + " is not a String attribute");
            }
            out.put(params.get(prefix + ".Name"), params.get(prefix + ".Value.StringValue"));
        }
        return out;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static void error(HttpExchange exchange, Failure f) throws IOException {
        respond(exchange, f.status(), "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<Error><Type>" + f.type() + "</Type><Code>" + f.code() + "</Code><Message>" + f.message()
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
