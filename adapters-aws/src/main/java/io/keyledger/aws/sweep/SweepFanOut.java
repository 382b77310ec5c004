package io.keyledger.aws.sweep;

import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Starts a sweep by queueing one message per scope ({@link SweepRequest}), so that each (account,
 * Region) is swept by its own worker invocation, in parallel and within its own quotas. Messages go
 * ten to a SendMessageBatch call (SQS's limit). Entries SQS failed through no fault of the message
 * (its {@code SenderFault} false: throttling, an internal error) are sent again after a backoff, up to
 * the policy's retries; entries it refused as malformed are not, and are reported.
 *
 * <p>On a FIFO queue each scope is its own message group, deduplicated by sweep id and scope, so that a
 * fan-out repeated within SQS's five-minute deduplication window queues nothing twice.
 */
public final class SweepFanOut {

    /** SendMessageBatch's largest batch. */
    public static final int BATCH_SIZE = 10;

    /** What was queued and what could not be. */
    public record Result(int sent, List<Failure> failed) {
        public Result {
            failed = List.copyOf(failed);
        }

        public boolean complete() {
            return failed.isEmpty();
        }
    }

    /** A scope whose message SQS did not take, with SQS's error code and message. */
    public record Failure(SweepRequest request, String code, String message, boolean senderFault) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final TenantResolver tenants;
    private final Backoff backoff;
    private final int maxRetries;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** @param retries how often and how patiently failed entries are sent again ({@link PacingPolicy#aws()}) */
    public SweepFanOut(SqsClient sqs, String queueUrl, TenantResolver tenants, PacingPolicy retries, Sleeper sleeper,
                       RandomGenerator random) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.backoff = retries.backoff();
        this.maxRetries = retries.maxRetries();
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Queues one message per scope, each naming the tenant the scope's account belongs to. */
    public Result enqueue(String sweepId, List<SweepScope> scopes) {
        List<SweepRequest> requests = new ArrayList<>();
        for (SweepScope scope : scopes) {
            String tenant = tenants.tenantOf(scope.provider(), scope.account());
            requests.add(SweepRequest.of(sweepId, scope, Optional.of(tenant)));
        }
        return send(requests);
    }

    /** Queues the requests as they are, ten to a call. */
    public Result send(List<SweepRequest> requests) {
        int sent = 0;
        List<Failure> failed = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += BATCH_SIZE) {
            List<SweepRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH_SIZE));
            Result r = sendBatch(batch);
            sent += r.sent();
            failed.addAll(r.failed());
        }
        return new Result(sent, failed);
    }

    private Result sendBatch(List<SweepRequest> batch) {
        Map<String, SweepRequest> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put("scope-" + i, batch.get(i));
        }
        int sent = 0;
        List<Failure> failed = new ArrayList<>();
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl)
                    .entries(pending.entrySet().stream().map(e -> entry(e.getKey(), e.getValue())).toList()));
            for (var ok : response.successful()) {
                if (pending.remove(ok.id()) != null) {
                    sent++;
                }
            }
            Map<String, Failure> retryable = new LinkedHashMap<>();
            for (BatchResultErrorEntry error : response.failed()) {
                SweepRequest request = pending.get(error.id());
                if (request == null) {
                    continue;
                }
                Failure f = new Failure(request, String.valueOf(error.code()), String.valueOf(error.message()),
                        Boolean.TRUE.equals(error.senderFault()));
                if (f.senderFault() || attempt >= maxRetries) {
                    failed.add(f);
                    pending.remove(error.id());
                } else {
                    retryable.put(error.id(), f);
                }
            }
            // An entry SQS neither took nor failed is reported, not resent blindly (it may have been queued).
            pending.forEach((id, request) -> {
                if (!retryable.containsKey(id)) {
                    failed.add(new Failure(request, "NoResult", "SQS reported neither success nor failure", false));
                }
            });
            pending.keySet().retainAll(retryable.keySet());
            if (!pending.isEmpty()) {
                pause(backoff.delay(attempt, random));
            }
        }
        return new Result(sent, failed);
    }

    private SendMessageBatchRequestEntry entry(String id, SweepRequest request) {
        var entry = SendMessageBatchRequestEntry.builder().id(id).messageBody(request.toJson());
        if (queueUrl.endsWith(".fifo")) {
            String scope = request.account() + ":" + request.region();
            entry.messageGroupId(scope).messageDeduplicationId(sha256(request.sweepId() + "/" + scope));
        }
        return entry.build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while backing off a SendMessageBatch to " + queueUrl);
        }
    }
}
