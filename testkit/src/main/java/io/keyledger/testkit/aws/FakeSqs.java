package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon SQS SendMessageBatch, ReceiveMessage and DeleteMessage over the JSON protocol SDK 2.x speaks
 * (AWS JSON 1.0: {@code X-Amz-Target: AmazonSQS.<Op>}, {@code application/x-amz-json-1.0}; errors as
 * {@code {"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": ...}} with the
 * {@code x-amzn-query-error} header). Batches take 1 to 10 entries with distinct ids of up to 80
 * letters, digits, hyphens and underscores (EmptyBatchRequest, TooManyEntriesInBatchRequest,
 * BatchEntryIdsNotDistinct, InvalidBatchEntryId); each message's {@code MD5OfMessageBody} is answered
 * (the SDK checks it); FIFO queues ({@code .fifo}) need a MessageGroupId and drop duplicates by
 * MessageDeduplicationId. {@link #failNextEntries} makes SQS fail the next entries of a batch.
 */
public final class FakeSqs extends FakeAwsService {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** A message in a queue. */
    public record Message(String id, String body, Optional<String> groupId) {
    }

    private record Failure(String code, boolean senderFault) {
    }

    private final Map<String, Deque<Message>> queues = new LinkedHashMap<>();
    private final Map<String, Set<String>> deduplication = new LinkedHashMap<>();
    private final Map<String, Message> inFlight = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int nextId;

    public FakeSqs(FakeCredentials credentials) {
        super(credentials);
    }

    /** Creates a queue and returns its URL, as CreateQueue would. */
    public synchronized String createQueue(String account, String name) {
        String url = uri() + "/" + account + "/" + name;
        queues.put(url, new ArrayDeque<>());
        deduplication.put(url, new HashSet<>());
        return url;
    }

    /** The messages waiting in a queue (not received yet). */
    public synchronized List<Message> messages(String queueUrl) {
        return List.copyOf(queue(queueUrl));
    }

    /** The next {@code n} batch entries fail with {@code code}; sender faults are the message's own. */
    public synchronized void failNextEntries(int n, String code, boolean senderFault) {
        for (int i = 0; i < n; i++) {
            failures.add(new Failure(code, senderFault));
        }
    }

    @Override
    protected String operation(HttpExchange exchange, String body) {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        return target.startsWith("AmazonSQS.") ? target.substring("AmazonSQS.".length()) : target;
    }

    @Override
    protected synchronized void answer(HttpExchange exchange, Request request) throws IOException {
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith(CONTENT_TYPE)) {
            throw new AwsError(400, "UnsupportedOperation", "expected " + CONTENT_TYPE);
        }
        JsonNode body = json(request.body());
        ObjectNode out = switch (request.operation()) {
            case "SendMessageBatch" -> sendMessageBatch(body);
            case "ReceiveMessage" -> receiveMessage(body);
            case "DeleteMessage" -> deleteMessage(body);
            default -> throw new AwsError(400, "UnsupportedOperation", "not answered: " + request.operation());
        };
        send(exchange, 200, CONTENT_TYPE, Json.write(out));
    }

    private ObjectNode sendMessageBatch(JsonNode body) {
        String url = body.path("QueueUrl").asString("");
        Deque<Message> queue = queue(url);
        JsonNode entries = body.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new AwsError(400, "EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsError(400, "TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. You have sent "
                    + entries.size() + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode e : entries) {
            String id = e.path("Id").asString("");
            if (!ENTRY_ID.matcher(id).matches()) {
                throw new AwsError(400, "InvalidBatchEntryId", "A batch entry id can only contain alphanumeric "
                        + "characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw new AwsError(400, "BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
            }
        }
        boolean fifo = url.endsWith(".fifo");
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : entries) {
            String id = e.get("Id").asString();
            String messageBody = e.path("MessageBody").asString("");
            Failure failure = failures.poll();
            if (failure != null) {
                failed.addObject().put("Id", id).put("SenderFault", failure.senderFault()).put("Code", failure.code())
                        .put("Message", "injected failure");
                continue;
            }
            if (messageBody.isEmpty()) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", "MissingParameter")
                        .put("Message", "The request must contain the parameter MessageBody.");
                continue;
            }
            Optional<String> group = Optional.ofNullable(e.get("MessageGroupId")).map(JsonNode::asString);
            if (fifo && group.isEmpty()) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", "MissingParameter")
                        .put("Message", "The request must contain the parameter MessageGroupId.");
                continue;
            }
            String messageId = "msg-" + (++nextId);
            boolean duplicate = fifo && !deduplication.get(url).add(e.path("MessageDeduplicationId").asString(""));
            if (!duplicate) {
                queue.add(new Message(messageId, messageBody, group));
            }
            successful.addObject().put("Id", id).put("MessageId", messageId).put("MD5OfMessageBody", md5(messageBody));
        }
        return out;
    }

    private ObjectNode receiveMessage(JsonNode body) {
        Deque<Message> queue = queue(body.path("QueueUrl").asString(""));
        int max = limit(body, "MaxNumberOfMessages", "maxNumberOfMessages", 1, 10, "InvalidParameterValue");
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode messages = out.putArray("Messages");
        for (int i = 0; i < max && !queue.isEmpty(); i++) {
            Message m = queue.poll();
            String handle = "rh-" + m.id();
            inFlight.put(handle, m);
            messages.addObject().put("MessageId", m.id()).put("ReceiptHandle", handle).put("MD5OfBody", md5(m.body()))
                    .put("Body", m.body());
        }
        return out;
    }

    private ObjectNode deleteMessage(JsonNode body) {
        queue(body.path("QueueUrl").asString(""));
        if (inFlight.remove(body.path("ReceiptHandle").asString("")) == null) {
            throw new AwsError(400, "ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
        }
        return Json.mapper().createObjectNode();
    }

    private Deque<Message> queue(String url) {
        Deque<Message> queue = queues.get(url);
        if (queue == null) {
            throw new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        return queue;
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        String query = switch (e.code) {
            case "QueueDoesNotExist" -> "AWS.SimpleQueueService.NonExistentQueue";
            case "EmptyBatchRequest", "TooManyEntriesInBatchRequest", "BatchEntryIdsNotDistinct",
                 "InvalidBatchEntryId" -> "AWS.SimpleQueueService." + e.code;
            default -> e.code;
        };
        exchange.getResponseHeaders().set("x-amzn-query-error", query + ";Sender");
        ObjectNode body = Json.mapper().createObjectNode().put("__type", "com.amazonaws.sqs#" + e.code)
                .put("message", e.getMessage());
        send(exchange, e.status, CONTENT_TYPE, Json.write(body));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bodies of all messages in a queue, in order, for checks. */
    public synchronized List<String> bodies(String queueUrl) {
        List<String> out = new ArrayList<>();
        queue(queueUrl).forEach(m -> out.add(m.body()));
        return out;
    }
}
