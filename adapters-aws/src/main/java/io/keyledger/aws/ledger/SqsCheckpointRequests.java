package io.keyledger.aws.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * How the writers of the store (ingest, sweeps, the admin API) have their ledger appends signed in AWS:
 * they may not use the ledger key, so at the end of each batch they queue one message per tenant,
 * {@code {"tenant":"acme"}}, which the {@code signCheckpoints} function reads (in batches, so that many
 * writers' requests cost one signature per tenant). A message that cannot be queued fails the batch, so
 * that its input is delivered again.
 */
public final class SqsCheckpointRequests implements CheckpointRequests {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCheckpointRequests(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void request(Set<String> tenants) {
        List<String> all = tenants.stream().sorted().toList();
        for (int from = 0; from < all.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(all.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("t" + i)
                        .messageBody(Json.write(Map.of("tenant", all.get(i)))).build());
            }
            SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!r.failed().isEmpty()) {
                throw new IllegalStateException("cannot ask for " + r.failed().size() + " checkpoints on " + queueUrl
                        + ": " + r.failed().get(0).code() + " " + r.failed().get(0).message());
            }
        }
    }

    /** The tenant a request names. */
    public static String tenantOf(String body) {
        String tenant = Json.mapper().readTree(body).path("tenant").asString("");
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint request names no tenant");
        }
        return tenant;
    }
}
