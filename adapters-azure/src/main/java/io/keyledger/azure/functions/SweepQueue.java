package io.keyledger.azure.functions;

import com.azure.core.exception.AzureException;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueStorageException;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Storage queue sweeps are fanned out over: one message per vault ({@link VaultSweepRequest}), so that each
 * vault is swept by its own invocation of {@value AzureFunctionNames#SWEEP_VAULT}, in parallel and within the
 * vault's own service limits. The client's retry policy retries throttling and server errors; a message
 * that still fails is reported, and the others are sent.
 */
public final class SweepQueue {

    /** What was queued and what could not be. */
    public record Result(int sent, List<Failure> failed) {
        public Result {
            failed = List.copyOf(failed);
        }
    }

    /** A vault whose message the queue did not take, with the service's error. */
    public record Failure(VaultSweepRequest request, String error) {
    }

    private final QueueClient queue;
    private final TenantResolver tenants;

    public SweepQueue(QueueClient queue, TenantResolver tenants) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    public String name() {
        return queue.getQueueName();
    }

    /** Queues one message per vault, each naming the tenant the vault's subscription belongs to. */
    public Result enqueue(String sweepId, List<SweepScope> scopes) {
        int sent = 0;
        List<Failure> failed = new ArrayList<>();
        for (SweepScope scope : scopes) {
            VaultSweepRequest request = VaultSweepRequest.of(sweepId, scope,
                    Optional.of(tenants.tenantOf(scope.provider(), scope.account())));
            try {
                queue.sendMessage(request.toJson());
                sent++;
            } catch (AzureException e) {
                failed.add(new Failure(request, describe(e)));
            }
        }
        return new Result(sent, failed);
    }

    /**
     * Queues the next run of a vault's sweep, visible after {@code delay} (so that a vault cut short by its
     * service limits is read again after they have recovered).
     *
     * @throws AzureException when the queue does not take it
     */
    public void followUp(VaultSweepRequest next, Duration delay) {
        queue.sendMessageWithResponse(next.toJson(), delay, null, null, null);
    }

    static String describe(AzureException e) {
        if (e instanceof QueueStorageException q) {
            return "HTTP " + q.getStatusCode() + " " + q.getErrorCode();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
