package io.keyledger.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The SQS fake through the real SDK client: visibility, receipt handles, redelivery and FIFO's rules. */
class FakeSqsTest {

    private static final String ACCOUNT = "111122223333";

    private final MutableClock clock = MutableClock.at("2026-11-28T00:00:00Z");
    private final FakeCredentials credentials = new FakeCredentials();
    private final FakeSqs fake = new FakeSqs(credentials, clock);
    private final SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(credentials.staticFor(ACCOUNT)).httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(fake.uri().toString())).build();

    @AfterEach
    void close() {
        sqs.close();
        fake.close();
    }

    private List<Message> receive(String queue, int max) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(max)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static int receiveCount(Message m) {
        return Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    /** A FIFO entry whose id, body and deduplication id are {@code body}. */
    private static SendMessageBatchRequestEntry fifo(String body, String group) {
        return SendMessageBatchRequestEntry.builder().id(body).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(body).build();
    }

    private static String errorCode(Throwable e) {
        return ((SqsException) e).awsErrorDetails().errorCode();
    }

    @Test
    void aMessageNotDeletedIsDeliveredAgainAfterItsVisibilityTimeoutWithTheReceiveCountIncremented() {
        String queue = fake.createQueue(ACCOUNT, "work");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("job-1"));

        Message first = receive(queue, 10).get(0);
        assertThat(receiveCount(first)).isEqualTo(1);
        assertThat(receive(queue, 10)).as("in flight").isEmpty();
        clock.advance(FakeSqs.DEFAULT_VISIBILITY_TIMEOUT.minusSeconds(1));
        assertThat(receive(queue, 10)).as("one second before the timeout").isEmpty();
        assertThat(fake.inFlight(queue)).singleElement().satisfies(m -> assertThat(m.receiveCount()).isEqualTo(1));

        clock.advance(Duration.ofSeconds(1));
        Message again = receive(queue, 10).get(0);

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.body()).isEqualTo("job-1");
        assertThat(receiveCount(again)).isEqualTo(2);
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(first.receiptHandle()));
        assertThat(fake.inFlight(queue)).as("an older receipt handle deletes nothing").hasSize(1);
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(again.receiptHandle()));
        clock.advance(Duration.ofHours(1));
        assertThat(receive(queue, 10)).as("deleted").isEmpty();
        assertThat(fake.messages(queue)).isEmpty();
    }

    @Test
    void theQueuesVisibilityTimeoutAReceivesOwnAndChangeMessageVisibility() {
        String queue = fake.createQueue(ACCOUNT, "short", Map.of("VisibilityTimeout", "5"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a"));

        receive(queue, 1);
        clock.advance(Duration.ofSeconds(5));
        Message second = sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(60)).messages().get(0);
        clock.advance(Duration.ofSeconds(30));
        assertThat(receive(queue, 1)).as("the receive's own 60 s").isEmpty();
        sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(second.receiptHandle()).visibilityTimeout(0));
        Message third = receive(queue, 1).get(0);
        assertThat(receiveCount(third)).isEqualTo(3);
        sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(third.receiptHandle()).visibilityTimeout(600));
        clock.advance(Duration.ofSeconds(599));
        assertThat(receive(queue, 1)).as("extended to 600 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(third.receiptHandle())
                .visibilityTimeout(10)))
                .isInstanceOf(SqsException.class).satisfies(e -> assertThat(errorCode(e)).contains("MessageNotInflight"));
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(43_201)))
                .isInstanceOf(SqsException.class).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void deleteMessageBatchDeletesByReceiptHandleAndFailsOnlyTheEntryWithAnInvalidOne() {
        String queue = fake.createQueue(ACCOUNT, "work");
        sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(SendMessageBatchRequestEntry.builder().id("a").messageBody("1")
                .build(), SendMessageBatchRequestEntry.builder().id("b").messageBody("2").build()));
        List<Message> received = receive(queue, 10);

        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(
                DeleteMessageBatchRequestEntry.builder().id("one").receiptHandle(received.get(0).receiptHandle()).build(),
                DeleteMessageBatchRequestEntry.builder().id("bad").receiptHandle("not-a-handle").build()));

        assertThat(deleted.successful()).extracting(s -> s.id()).containsExactly("one");
        assertThat(deleted.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("bad");
            assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
            assertThat(f.senderFault()).isTrue();
        });
        assertThat(fake.inFlight(queue)).extracting(FakeSqs.Message::body).containsExactly("2");
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle("not-a-handle")))
                .isInstanceOf(SqsException.class).satisfies(e -> assertThat(errorCode(e)).contains("ReceiptHandleIsInvalid"));
    }

    @Test
    void aFifoQueueRefusesAMessageWithoutGroupOrDeduplicationIdAsSqsDoes() {
        String queue = fake.createQueue(ACCOUNT, "work.fifo");

        SendMessageBatchResponse batch = sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("no-group").messageBody("a").messageDeduplicationId("d1").build(),
                SendMessageBatchRequestEntry.builder().id("no-dedup").messageBody("b").messageGroupId("g").build(),
                fifo("c", "g")));

        assertThat(batch.successful()).extracting(s -> s.id()).containsExactly("c");
        assertThat(batch.failed()).extracting(f -> f.id() + " " + f.code() + " " + f.senderFault()).containsExactly(
                "no-group MissingParameter true", "no-dedup InvalidParameterValue true");
        assertThat(batch.failed().get(1).message()).contains("ContentBasedDeduplication");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody("d").messageDeduplicationId("d4")))
                .isInstanceOf(SqsException.class).satisfies(e -> assertThat(errorCode(e)).isEqualTo("MissingParameter"));
        assertThat(fake.bodies(queue)).containsExactly("c");
    }

    @Test
    void aStandardQueueRefusesADeduplicationId() {
        String queue = fake.createQueue(ACCOUNT, "work");

        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a").messageDeduplicationId("d")))
                .isInstanceOf(SqsException.class).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void aMessageSentAgainWithinFiveMinutesIsAcceptedAndDeliveredOnce() {
        String queue = fake.createQueue(ACCOUNT, "work.fifo");

        SendMessageResponse first = sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a").messageGroupId("g")
                .messageDeduplicationId("d"));
        Message received = receive(queue, 10).get(0);
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(received.receiptHandle()));
        clock.advance(FakeSqs.DEDUPLICATION_INTERVAL.minusSeconds(1));
        SendMessageResponse again = sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a").messageGroupId("g")
                .messageDeduplicationId("d"));

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(receive(queue, 10)).as("a duplicate, even of a deleted message").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a").messageGroupId("g").messageDeduplicationId("d"));
        assertThat(receive(queue, 10)).as("after the interval").hasSize(1);
    }

    @Test
    void contentBasedDeduplicationTakesTheSha256OfTheBody() {
        String queue = fake.createQueue(ACCOUNT, "work.fifo", Map.of("FifoQueue", "true",
                "ContentBasedDeduplication", "true"));

        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("same").messageGroupId("g"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("same").messageGroupId("g"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("other").messageGroupId("g"));

        assertThat(fake.messages(queue)).extracting(FakeSqs.Message::body).containsExactly("same", "other");
        assertThat(fake.messages(queue).get(0).deduplicationId())
                .contains("0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
    }

    @Test
    void aFifoGroupIsDeliveredInOrderAndNotPastAMessageInFlight() {
        String queue = fake.createQueue(ACCOUNT, "work.fifo");
        sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(fifo("a1", "A"), fifo("a2", "A"), fifo("b1", "B"),
                fifo("a3", "A")));

        Message a1 = receive(queue, 1).get(0);
        assertThat(a1.body()).isEqualTo("a1");
        assertThat(receive(queue, 10)).as("group A waits for a1").extracting(Message::body).containsExactly("b1");
        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(a1.receiptHandle()));
        Message a2 = receive(queue, 1).get(0);
        assertThat(a2.body()).isEqualTo("a2");
        assertThat(receive(queue, 10)).as("a2 in flight, b1 in flight").isEmpty();
        clock.advance(FakeSqs.DEFAULT_VISIBILITY_TIMEOUT);

        List<Message> next = receive(queue, 10);

        assertThat(next).extracting(Message::body).containsExactly("a2", "b1", "a3");
        assertThat(next.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "A")
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
    }

    @Test
    void aQueuesAttributesAreCheckedAsCreateQueueChecksThem() {
        assertThatThrownBy(() -> fake.createQueue(ACCOUNT, "work.fifo", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InvalidAttributeValue");
        assertThatThrownBy(() -> fake.createQueue(ACCOUNT, "work", Map.of("ContentBasedDeduplication", "true")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.createQueue(ACCOUNT, "work", Map.of("VisibilityTimeout", "43201")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
