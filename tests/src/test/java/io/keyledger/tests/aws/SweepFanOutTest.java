package io.keyledger.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.sweep.SweepFanOut;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.aws.FakeAwsService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One queue message per scope, ten to a SendMessageBatch, through the real SQS client and the SQS fake. */
class SweepFanOutTest {

    static final String ACCOUNT = "100000000000";

    private final AwsFakes aws = new AwsFakes(ACCOUNT);
    private final SqsClient sqs = aws.sqsClient(ACCOUNT);
    private final MutableClock clock = MutableClock.at("2026-11-28T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final TenantMapping tenants = new TenantMapping(Map.of("aws:200000000001", "acme"), "default");

    @AfterEach
    void close() {
        sqs.close();
        aws.close();
    }

    private SweepFanOut fanOut(String queueUrl) {
        return new SweepFanOut(sqs, queueUrl, tenants, PacingPolicy.aws(), sleeper, new Random(5));
    }

    private static List<SweepScope> scopes(int n) {
        return IntStream.range(0, n).mapToObj(i -> new SweepScope(Provider.AWS,
                String.format("2000000000%02d", i / 3), List.of("us-east-1", "eu-west-1", "ap-south-1").get(i % 3))).toList();
    }

    @Test
    void oneMessagePerScopeTenToABatch() {
        String queue = aws.sqs.createQueue(ACCOUNT, "keyledger-sweeps");

        SweepFanOut.Result result = fanOut(queue).enqueue("2026-11-28T00", scopes(23));

        assertThat(result.sent()).isEqualTo(23);
        assertThat(result.complete()).isTrue();
        List<FakeAwsService.Request> batches = aws.sqs.requests("SendMessageBatch");
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).headers().get("Content-type").get(0)).startsWith("application/x-amz-json-1.0");
        List<SweepRequest> queued = aws.sqs.bodies(queue).stream().map(SweepRequest::fromJson).toList();
        assertThat(queued).extracting(SweepRequest::scope).containsExactlyElementsOf(scopes(23));
        assertThat(queued).allSatisfy(r -> assertThat(r.sweepId()).isEqualTo("2026-11-28T00"));
        assertThat(queued.get(3).tenant()).contains("acme");
        assertThat(queued.get(0).tenant()).contains("default");
    }

    @Test
    void entriesSqsFailedAreSentAgainAndTheMessagesOwnFaultsAreReported() {
        String queue = aws.sqs.createQueue(ACCOUNT, "keyledger-sweeps");
        aws.sqs.failNextEntries(2, "InternalError", false);

        SweepFanOut.Result retried = fanOut(queue).enqueue("s1", scopes(5));
        aws.sqs.failNextEntries(1, "InvalidMessageContents", true);
        SweepFanOut.Result refused = fanOut(queue).enqueue("s2", scopes(2));

        assertThat(retried.sent()).isEqualTo(5);
        assertThat(retried.complete()).isTrue();
        assertThat(sleeper.waits()).hasSize(1);
        assertThat(refused.sent()).isEqualTo(1);
        assertThat(refused.failed()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("InvalidMessageContents");
            assertThat(f.senderFault()).isTrue();
            assertThat(f.request().scope()).isEqualTo(scopes(2).get(0));
        });
        assertThat(aws.sqs.bodies(queue)).hasSize(6);
    }

    @Test
    void onAFifoQueueEachScopeIsAGroupAndARepeatedFanOutQueuesNothingTwice() {
        String queue = aws.sqs.createQueue(ACCOUNT, "keyledger-sweeps.fifo");

        fanOut(queue).enqueue("s1", scopes(4));
        fanOut(queue).enqueue("s1", scopes(4));

        assertThat(aws.sqs.messages(queue)).hasSize(4)
                .extracting(m -> m.groupId().orElseThrow())
                .containsExactly("200000000000:us-east-1", "200000000000:eu-west-1", "200000000000:ap-south-1",
                        "200000000001:us-east-1");
    }

    @Test
    void onAFifoQueueEveryEntryCarriesTheGroupAndTheDeduplicationIdSqsRequires() {
        // No content-based deduplication: SQS refuses a FIFO entry without a group or a deduplication id
        String queue = aws.sqs.createQueue(ACCOUNT, "keyledger-sweeps.fifo");

        SweepFanOut.Result result = fanOut(queue).enqueue("s1", scopes(12));

        assertThat(result.failed()).isEmpty();
        assertThat(result.sent()).isEqualTo(12);
        assertThat(aws.sqs.requests("SendMessageBatch")).hasSize(2).allSatisfy(r -> assertThat(
                Json.mapper().readTree(r.body()).get("Entries").values()).allSatisfy(entry -> {
                    assertThat(entry.get("MessageGroupId").asString()).matches("\\d{12}:[a-z0-9-]+");
                    assertThat(entry.get("MessageDeduplicationId").asString()).matches("[0-9a-f]{64}");
                }));
        assertThat(aws.sqs.messages(queue)).hasSize(12)
                .allSatisfy(m -> assertThat(m.deduplicationId()).isPresent());
    }

    @Test
    void theWorkerReadsWhatTheFanOutWrites() {
        String queue = aws.sqs.createQueue(ACCOUNT, "keyledger-sweeps");
        fanOut(queue).enqueue("s9", scopes(1));

        var received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();

        assertThat(received).singleElement().satisfies(m -> assertThat(SweepRequest.fromJson(m.body()))
                .isEqualTo(new SweepRequest("s9", "200000000000", "us-east-1", Optional.of("default"), Optional.empty())));
    }
}
