package io.keyledger.azure.ledger;

import com.azure.storage.queue.QueueClient;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the writers of the store (ingest, sweeps, the admin API) have their ledger appends signed in Azure: they may
 * not use the ledger key, so at the end of each batch they queue one message per tenant, {@code {"tenant":"acme"}},
 * on the checkpoint queue, which the signing app's {@code signCheckpoints} function reads. A message that cannot be
 * queued fails the batch (the client has retried it), so that its input is delivered again.
 */
public final class QueueCheckpointRequests implements CheckpointRequests {

    private final QueueClient queue;

    /** @param queue the checkpoint queue's client, writing base64 as the queue trigger reads it */
    public QueueCheckpointRequests(QueueClient queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    @Override
    public void request(Set<String> tenants) {
        for (String tenant : tenants.stream().sorted().toList()) {
            try {
                queue.sendMessage(Json.write(Map.of("tenant", tenant)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot ask for tenant " + tenant + "'s checkpoint on the queue "
                        + queue.getQueueName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The tenant a request names. */
    public static String tenantOf(String body) {
        String tenant;
        try {
            tenant = Json.mapper().readTree(body).path("tenant").asString("");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a checkpoint request is not JSON");
        }
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint request names no tenant");
        }
        return tenant;
    }
}
