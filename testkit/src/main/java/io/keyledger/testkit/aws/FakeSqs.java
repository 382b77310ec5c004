package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
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
 * Amazon SQS over the JSON protocol SDK 2.x speaks (AWS JSON 1.0: {@code X-Amz-Target: AmazonSQS.<Op>},
 * {@code application/x-amz-json-1.0}; errors as {@code {"__type": "com.amazonaws.sqs#QueueDoesNotExist",
 * "message": ...}} with the {@code x-amzn-query-error} header): SendMessage, SendMessageBatch, ReceiveMessage,
 * DeleteMessage, DeleteMessageBatch and ChangeMessageVisibility, following the SQS Developer Guide, on the
 * clock it is given (a test moves it; nothing here sleeps).
 *
 * <ul>
 *   <li>Batches take 1 to 10 entries with distinct ids of up to 80 letters, digits, hyphens and underscores
 *       (EmptyBatchRequest, TooManyEntriesInBatchRequest, BatchEntryIdsNotDistinct, InvalidBatchEntryId);
 *       each message's {@code MD5OfMessageBody} is answered (the SDK checks it).</li>
 *   <li>Visibility: a received message stays in the queue, invisible for the queue's
 *       {@code VisibilityTimeout} (30 s unless set) or the receive's own, or what ChangeMessageVisibility
 *       sets; each receive gives it a new receipt handle and counts {@code ApproximateReceiveCount}. Deleted
 *       by its latest handle it is gone; not deleted, it is received again once its timeout has passed.
 *       An older handle of the message deletes nothing (and is not an error, as SQS's).</li>
 *   <li>FIFO queues ({@code .fifo}, attribute {@code FifoQueue}): a message needs a
 *       {@code MessageGroupId} (MissingParameter) and a {@code MessageDeduplicationId} unless the queue has
 *       {@code ContentBasedDeduplication}, which takes the SHA-256 of the body (InvalidParameterValue);
 *       a message sent again within five minutes of its deduplication id is accepted and not delivered
 *       twice; a group is delivered in order, and nothing more of a group is delivered while one of its
 *       messages is in flight. A standard queue refuses a deduplication id.</li>
 * </ul>
 * {@link #failNextEntries} makes SQS fail the next entries of a send batch.
 */
public final class FakeSqs extends FakeAwsService {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** The visibility timeout of a queue that sets none. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** How long a FIFO queue remembers a deduplication id. */
    public static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);

    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
    private static final int MAX_VISIBILITY_SECONDS = 43_200;

    /** A message in a queue, as a test sees it. */
    public record Message(String id, String body, Optional<String> groupId, Optional<String> deduplicationId,
                          int receiveCount) {
    }

    private record Failure(String code, boolean senderFault) {
    }

    /** A message as the queue holds it: visible from {@code visibleAt}, received {@code receives} times. */
    private static final class Held {
        final String id;
        final String body;
        final Optional<String> group;
        final Optional<String> deduplicationId;
        final Instant sentAt;
        Instant visibleAt;
        int receives;
        Instant firstReceivedAt;
        String handle;

        Held(String id, String body, Optional<String> group, Optional<String> deduplicationId, Instant sentAt) {
            this.id = id;
            this.body = body;
            this.group = group;
            this.deduplicationId = deduplicationId;
            this.sentAt = sentAt;
            this.visibleAt = sentAt;
        }

        boolean inFlight(Instant now) {
            return receives > 0 && visibleAt.isAfter(now);
        }

        Message view() {
            return new Message(id, body, group, deduplicationId, receives);
        }
    }

    private record Sent(String messageId, Instant at) {
    }

    private static final class Queue {
        final boolean fifo;
        final boolean contentBasedDeduplication;
        final Duration visibilityTimeout;
        final List<Held> messages = new ArrayList<>();
        final Map<String, Sent> deduplication = new HashMap<>();

        Queue(boolean fifo, boolean contentBasedDeduplication, Duration visibilityTimeout) {
            this.fifo = fifo;
            this.contentBasedDeduplication = contentBasedDeduplication;
            this.visibilityTimeout = visibilityTimeout;
        }
    }

    private final Clock clock;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Held> handles = new HashMap<>();
    private final Map<String, String> queueOfHandle = new HashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int nextId;
    private long sequence;

    /** @param clock the queue's time: visibility timeouts and the deduplication interval run on it */
    public FakeSqs(FakeCredentials credentials, Clock clock) {
        super(credentials);
        this.clock = clock;
    }

    /** Creates a queue and returns its URL, as CreateQueue would; a {@code .fifo} name makes a FIFO queue. */
    public String createQueue(String account, String name) {
        return createQueue(account, name, name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : Map.of());
    }

    /**
     * Creates a queue with CreateQueue's attributes {@code FifoQueue}, {@code ContentBasedDeduplication} and
     * {@code VisibilityTimeout} (seconds), checked as SQS checks them.
     */
    public synchronized String createQueue(String account, String name, Map<String, String> attributes) {
        Set<String> unknown = new HashSet<>(attributes.keySet());
        unknown.removeAll(Set.of("FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout"));
        boolean fifo = Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false"));
        boolean contentBased = Boolean.parseBoolean(attributes.getOrDefault("ContentBasedDeduplication", "false"));
        int visibility = Integer.parseInt(attributes.getOrDefault("VisibilityTimeout",
                Long.toString(DEFAULT_VISIBILITY_TIMEOUT.toSeconds())));
        if (!unknown.isEmpty() || fifo != name.endsWith(".fifo") || (contentBased && !fifo)
                || visibility < 0 || visibility > MAX_VISIBILITY_SECONDS) {
            throw new IllegalArgumentException("InvalidAttributeValue: queue " + name + " with " + attributes
                    + " (a FIFO queue's name ends in .fifo; ContentBasedDeduplication is for FIFO queues; "
                    + "VisibilityTimeout is 0 to " + MAX_VISIBILITY_SECONDS + " s)");
        }
        String url = uri() + "/" + account + "/" + name;
        queues.put(url, new Queue(fifo, contentBased, Duration.ofSeconds(visibility)));
        return url;
    }

    /** The messages a receive could deliver now, in the queue's order (not those in flight). */
    public synchronized List<Message> messages(String queueUrl) {
        Instant now = clock.instant();
        return queue(queueUrl).messages.stream().filter(m -> !m.inFlight(now)).map(Held::view).toList();
    }

    /** The messages received and neither deleted nor visible again yet. */
    public synchronized List<Message> inFlight(String queueUrl) {
        Instant now = clock.instant();
        return queue(queueUrl).messages.stream().filter(m -> m.inFlight(now)).map(Held::view).toList();
    }

    /** Bodies of the messages a receive could deliver now, in order, for checks. */
    public synchronized List<String> bodies(String queueUrl) {
        return messages(queueUrl).stream().map(Message::body).toList();
    }

    /** The next {@code n} send batch entries fail with {@code code}; sender faults are the message's own. */
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
            case "SendMessage" -> sendMessage(body);
            case "SendMessageBatch" -> sendMessageBatch(body);
            case "ReceiveMessage" -> receiveMessage(body);
            case "DeleteMessage" -> deleteMessage(body);
            case "DeleteMessageBatch" -> deleteMessageBatch(body);
            case "ChangeMessageVisibility" -> changeMessageVisibility(body);
            default -> throw new AwsError(400, "UnsupportedOperation", "not answered: " + request.operation());
        };
        send(exchange, 200, CONTENT_TYPE, Json.write(out));
    }

    private ObjectNode sendMessage(JsonNode body) {
        Queue queue = queue(body.path("QueueUrl").asString(""));
        return enqueue(queue, body);
    }

    private ObjectNode sendMessageBatch(JsonNode body) {
        Queue queue = queue(body.path("QueueUrl").asString(""));
        JsonNode entries = entries(body);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : entries) {
            String id = e.get("Id").asString();
            Failure failure = failures.poll();
            if (failure != null) {
                failed.addObject().put("Id", id).put("SenderFault", failure.senderFault()).put("Code", failure.code())
                        .put("Message", "injected failure");
                continue;
            }
            try {
                successful.add(enqueue(queue, e).put("Id", id));
            } catch (AwsError refused) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", refused.code)
                        .put("Message", refused.getMessage());
            }
        }
        return out;
    }

    /** Checks and queues one message (of SendMessage or a batch entry); a duplicate is accepted, not queued. */
    private ObjectNode enqueue(Queue queue, JsonNode message) {
        String text = message.path("MessageBody").asString("");
        if (text.isEmpty()) {
            throw new AwsError(400, "MissingParameter", "The request must contain the parameter MessageBody.");
        }
        Optional<String> group = fifoId(message, "MessageGroupId");
        Optional<String> deduplicationId = fifoId(message, "MessageDeduplicationId");
        if (!queue.fifo && deduplicationId.isPresent()) {
            throw new AwsError(400, "InvalidParameterValue",
                    "The request include parameter that is not valid for this queue type");
        }
        if (queue.fifo && group.isEmpty()) {
            throw new AwsError(400, "MissingParameter", "The request must contain the parameter MessageGroupId.");
        }
        if (queue.fifo && deduplicationId.isEmpty()) {
            if (!queue.contentBasedDeduplication) {
                throw new AwsError(400, "InvalidParameterValue", "The queue should either have "
                        + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            deduplicationId = Optional.of(sha256(text));
        }
        Instant now = clock.instant();
        ObjectNode out = Json.mapper().createObjectNode().put("MD5OfMessageBody", md5(text));
        if (queue.fifo) {
            out.put("SequenceNumber", String.format("%020d", ++sequence));
            queue.deduplication.values().removeIf(s -> !now.isBefore(s.at().plus(DEDUPLICATION_INTERVAL)));
            Sent earlier = queue.deduplication.get(deduplicationId.get());
            if (earlier != null) {
                return out.put("MessageId", earlier.messageId());
            }
        }
        String messageId = "msg-" + (++nextId);
        deduplicationId.ifPresent(d -> queue.deduplication.put(d, new Sent(messageId, now)));
        queue.messages.add(new Held(messageId, text, group, deduplicationId, now));
        return out.put("MessageId", messageId);
    }

    private ObjectNode receiveMessage(JsonNode body) {
        Queue queue = queue(body.path("QueueUrl").asString(""));
        int max = limit(body, "MaxNumberOfMessages", "maxNumberOfMessages", 1, 10, "InvalidParameterValue");
        Duration visibility = visibility(body).orElse(queue.visibilityTimeout);
        Set<String> wanted = new HashSet<>();
        for (String member : List.of("AttributeNames", "MessageSystemAttributeNames")) {
            body.path(member).values().forEach(n -> wanted.add(n.asString()));
        }
        Instant now = clock.instant();
        // A FIFO group with a message in flight delivers nothing more until that message is deleted or visible.
        Set<String> blocked = new HashSet<>();
        queue.messages.stream().filter(m -> m.inFlight(now)).forEach(m -> m.group.ifPresent(blocked::add));
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode messages = out.putArray("Messages");
        for (Iterator<Held> it = queue.messages.iterator(); it.hasNext() && messages.size() < max; ) {
            Held m = it.next();
            if (m.inFlight(now) || (queue.fifo && blocked.contains(m.group.orElseThrow()))) {
                continue;
            }
            m.receives++;
            if (m.firstReceivedAt == null) {
                m.firstReceivedAt = now;
            }
            m.visibleAt = now.plus(visibility);
            m.handle = "rh-" + m.id + "-" + m.receives;
            handles.put(m.handle, m);
            queueOfHandle.put(m.handle, body.path("QueueUrl").asString());
            ObjectNode received = messages.addObject().put("MessageId", m.id).put("ReceiptHandle", m.handle)
                    .put("MD5OfBody", md5(m.body)).put("Body", m.body);
            ObjectNode attributes = systemAttributes(m, wanted);
            if (!attributes.isEmpty()) {
                received.set("Attributes", attributes);
            }
        }
        return out;
    }

    private static ObjectNode systemAttributes(Held m, Set<String> wanted) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ApproximateReceiveCount", Integer.toString(m.receives));
        all.put("SentTimestamp", Long.toString(m.sentAt.toEpochMilli()));
        all.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceivedAt.toEpochMilli()));
        m.group.ifPresent(g -> all.put("MessageGroupId", g));
        m.deduplicationId.ifPresent(d -> all.put("MessageDeduplicationId", d));
        ObjectNode out = Json.mapper().createObjectNode();
        all.forEach((name, value) -> {
            if (wanted.contains("All") || wanted.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    private ObjectNode deleteMessage(JsonNode body) {
        String url = body.path("QueueUrl").asString("");
        delete(queue(url), url, body.path("ReceiptHandle").asString(""));
        return Json.mapper().createObjectNode();
    }

    private ObjectNode deleteMessageBatch(JsonNode body) {
        String url = body.path("QueueUrl").asString("");
        Queue queue = queue(url);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : entries(body)) {
            String id = e.get("Id").asString();
            try {
                delete(queue, url, e.path("ReceiptHandle").asString(""));
                successful.addObject().put("Id", id);
            } catch (AwsError refused) {
                failed.addObject().put("Id", id).put("SenderFault", true).put("Code", refused.code)
                        .put("Message", refused.getMessage());
            }
        }
        return out;
    }

    /** Deletes the message of its latest receipt handle; an older handle of a message deletes nothing. */
    private void delete(Queue queue, String url, String handle) {
        Held m = held(url, handle);
        if (handle.equals(m.handle)) {
            queue.messages.remove(m);
        }
    }

    private ObjectNode changeMessageVisibility(JsonNode body) {
        String url = body.path("QueueUrl").asString("");
        queue(url);
        Held m = held(url, body.path("ReceiptHandle").asString(""));
        Duration timeout = visibility(body).orElseThrow(() -> new AwsError(400, "MissingParameter",
                "The request must contain the parameter VisibilityTimeout."));
        Instant now = clock.instant();
        if (!m.inFlight(now)) {
            throw new AwsError(400, "MessageNotInflight", "Message does not exist or is not available for visibility "
                    + "timeout change.");
        }
        m.visibleAt = now.plus(timeout);
        return Json.mapper().createObjectNode();
    }

    private Held held(String url, String handle) {
        Held m = handles.get(handle);
        if (m == null || !url.equals(queueOfHandle.get(handle))) {
            throw new AwsError(400, "ReceiptHandleIsInvalid", "The input receipt handle \"" + handle
                    + "\" is not a valid receipt handle.");
        }
        return m;
    }

    private static Optional<Duration> visibility(JsonNode body) {
        JsonNode v = body.get("VisibilityTimeout");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > MAX_VISIBILITY_SECONDS) {
            throw new AwsError(400, "InvalidParameterValue", "Value " + v + " for parameter VisibilityTimeout is "
                    + "invalid. Reason: Must be between 0 and " + MAX_VISIBILITY_SECONDS + ".");
        }
        return Optional.of(Duration.ofSeconds(v.asInt()));
    }

    private static Optional<String> fifoId(JsonNode message, String member) {
        Optional<String> value = Optional.ofNullable(message.get(member)).map(JsonNode::asString);
        if (value.isPresent() && !FIFO_ID.matcher(value.get()).matches()) {
            throw new AwsError(400, "InvalidParameterValue", "Value " + value.get() + " for parameter " + member
                    + " is invalid. Reason: up to 128 alphanumeric or punctuation characters.");
        }
        return value;
    }

    /** A batch's entries: 1 to 10, with distinct, well-formed ids. */
    private static JsonNode entries(JsonNode body) {
        JsonNode entries = body.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new AwsError(400, "EmptyBatchRequest", "There should be at least one entry in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsError(400, "TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10. "
                    + "You have sent " + entries.size() + ".");
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
        return entries;
    }

    private Queue queue(String url) {
        Queue queue = queues.get(url);
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
                 "InvalidBatchEntryId", "MessageNotInflight" -> "AWS.SimpleQueueService." + e.code;
            default -> e.code;
        };
        exchange.getResponseHeaders().set("x-amzn-query-error", query + ";Sender");
        ObjectNode body = Json.mapper().createObjectNode().put("__type", "com.amazonaws.sqs#" + e.code)
                .put("message", e.getMessage());
        send(exchange, e.status, CONTENT_TYPE, Json.write(body));
    }

    private static String md5(String text) {
        return hex("MD5", text);
    }

    private static String sha256(String text) {
        return hex("SHA-256", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
