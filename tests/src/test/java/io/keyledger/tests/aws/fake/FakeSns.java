package io.keyledger.tests.aws.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Amazon SNS Publish over the query protocol the SDK speaks for SNS (a form-encoded POST with
 * {@code Action=Publish&Version=2010-03-31}, answered in XML; errors as {@code <ErrorResponse>}). A topic
 * must be created first and belong to the caller's account ({@code NotFound} otherwise, as SNS answers
 * for a topic the caller cannot see); the message must not be empty; message attributes are read as
 * {@code MessageAttributes.entry.N.*}.
 */
public final class FakeSns extends FakeAwsService {

    /** One published message: its topic, subject, body and String attributes. */
    public record Published(String topicArn, String subject, String message, Map<String, String> attributes) {
    }

    private final Set<String> topics = new HashSet<>();
    private final List<Published> published = new ArrayList<>();

    public FakeSns(FakeCredentials credentials) {
        super(credentials);
    }

    /** Creates a topic and returns its ARN, as CreateTopic would. */
    public synchronized String createTopic(String account, String region, String name) {
        String arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
        topics.add(arn);
        return arn;
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
        if (!"Publish".equals(request.operation()) || !"2010-03-31".equals(params.get("Version"))) {
            throw new AwsError(400, "InvalidAction", "not answered: " + request.operation() + " " + params.get("Version"));
        }
        String topic = params.getOrDefault("TopicArn", "");
        if (!topics.contains(topic) || !topic.split(":")[4].equals(request.account())) {
            throw new AwsError(404, "NotFound", "Topic does not exist");
        }
        String message = params.getOrDefault("Message", "");
        if (message.isEmpty()) {
            throw new AwsError(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        Map<String, String> attributes = new TreeMap<>();
        for (int n = 1; params.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            attributes.put(params.get(prefix + ".Name"), params.get(prefix + ".Value.StringValue"));
        }
        published.add(new Published(topic, params.get("Subject"), message, attributes));
        send(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<PublishResult><MessageId>" + requestId() + "</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>" + requestId() + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        send(exchange, e.status, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<Error><Type>Sender</Type><Code>" + e.code + "</Code><Message>" + e.getMessage() + "</Message>"
                + "</Error><RequestId>" + requestId() + "</RequestId></ErrorResponse>");
    }
}
