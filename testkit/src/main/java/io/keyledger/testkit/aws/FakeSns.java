package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Amazon SNS Publish over the query protocol the SDK speaks for SNS (a form-encoded POST with
 * {@code Action=Publish&Version=2010-03-31}, answered in XML; errors as {@code <ErrorResponse>}). It checks
 * what SNS checks: the topic exists and belongs to the caller's account ({@code NotFound} otherwise, as SNS
 * answers for a topic the caller cannot see), the message is not empty, the subject is at most 100
 * printable ASCII characters, a FIFO topic gets a message group; message attributes are read as
 * {@code MessageAttributes.entry.N.*} and must be Strings. {@link #failNext} makes it answer the next
 * requests with an error, as SNS does when it throttles ({@code 429 Throttled}) or fails
 * ({@code 500 InternalError}).
 */
public final class FakeSns extends FakeAwsService {

    /** One accepted Publish: its parameters and decoded String message attributes. */
    public record Published(Map<String, String> params, Map<String, String> attributes) {

        /** A request parameter, or null where the request had none. */
        public String param(String name) {
            return params.get(name);
        }

        public String topicArn() {
            return params.get("TopicArn");
        }

        public String subject() {
            return params.get("Subject");
        }

        public String message() {
            return params.get("Message");
        }
    }

    private final Set<String> topics = new HashSet<>();
    private final List<Published> published = new ArrayList<>();
    private final Deque<AwsError> failures = new ArrayDeque<>();

    public FakeSns(FakeCredentials credentials) {
        super(credentials);
    }

    /** A fake with credentials of its own, for a test of SNS alone. */
    public FakeSns() {
        this(new FakeCredentials());
    }

    /** Creates a topic and returns its ARN, as CreateTopic would. */
    public synchronized String createTopic(String account, String region, String name) {
        return createTopic("arn:aws:sns:" + region + ":" + account + ":" + name);
    }

    /** Creates the topic of this ARN. */
    public synchronized String createTopic(String arn) {
        topics.add(arn);
        return arn;
    }

    /** A real SNS client of {@code account} talking to the fake; the caller closes it. */
    public SnsClient client(String account) {
        return SnsClient.builder().endpointOverride(uri()).region(Region.US_EAST_1)
                .credentialsProvider(credentials.staticFor(account)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The next {@code times} requests are answered with {@code status} and {@code code}. */
    public synchronized void failNext(int times, int status, String code) {
        for (int i = 0; i < times; i++) {
            failures.add(new AwsError(status, code, code + " (injected)"));
        }
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    protected String operation(HttpExchange exchange, String body) {
        return FakeSts.form(body).getOrDefault("Action", "");
    }

    @Override
    protected synchronized void answer(HttpExchange exchange, Request request) throws IOException {
        Map<String, String> params = FakeSts.form(request.body());
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new AwsError(405, "InvalidAction", "only POST");
        }
        if (!"Publish".equals(request.operation()) || !"2010-03-31".equals(params.get("Version"))) {
            throw new AwsError(400, "InvalidAction", "not answered: " + request.operation() + " " + params.get("Version"));
        }
        AwsError injected = failures.poll();
        if (injected != null) {
            throw injected;
        }
        String topic = params.getOrDefault("TopicArn", "");
        if (!topics.contains(topic) || !topic.split(":")[4].equals(request.account())) {
            throw new AwsError(404, "NotFound", "Topic does not exist");
        }
        String message = params.getOrDefault("Message", "");
        if (message.isEmpty()) {
            throw new AwsError(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        String subject = params.get("Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > 100
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw new AwsError(400, "InvalidParameter", "Invalid parameter: Subject");
        }
        if (topic.endsWith(".fifo") && params.get("MessageGroupId") == null) {
            throw new AwsError(400, "InvalidParameter",
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        published.add(new Published(Map.copyOf(params), attributes(params)));
        send(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<PublishResult><MessageId>" + requestId() + "</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>" + requestId() + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    /** {@code MessageAttributes.entry.N.Name} / {@code .Value.DataType} / {@code .Value.StringValue}. */
    private static Map<String, String> attributes(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        for (int n = 1; params.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            if (!"String".equals(params.get(prefix + ".Value.DataType"))) {
                throw new AwsError(400, "InvalidParameterValue", prefix + " is not a String attribute");
            }
            out.put(params.get(prefix + ".Name"), params.get(prefix + ".Value.StringValue"));
        }
        return out;
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        send(exchange, e.status, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<Error><Type>" + (e.status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + e.code
                + "</Code><Message>" + e.getMessage() + "</Message></Error><RequestId>" + requestId()
                + "</RequestId></ErrorResponse>");
    }
}
