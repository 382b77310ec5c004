package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.aws.sweep.SweepFanOut;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.aws.sweep.SweepWorker;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepReport;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code sweepWorker}: sweeps the scope each message of an SQS batch names ({@link SweepRequest}), into
 * the inventory store, and answers with the batch item failures ({@link SqsBatches#process}): a message
 * that cannot be read or whose sweep fails is delivered again, finally to the dead-letter queue; a
 * repeated sweep changes nothing (see {@link SweepWorker}).
 *
 * <p>A scope cut short (throttled past its budget) is stored as a partial report and its rest is queued
 * as a follow-up message with the resume cursor ({@link SweepWorker#followUp}); the message itself
 * succeeds. Only when the follow-up cannot be queued (no {@code KEYLEDGER_SWEEP_QUEUE_URL}, SQS refusing)
 * does the message fail, to be swept again from where it started.
 */
final class SweepWorkerFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = System.getLogger(SweepWorkerFunction.class.getName());

    private final SweepWorker worker;
    private final Optional<SweepFanOut> followUps;

    /** @param followUps the sweep queue, for the rest of scopes cut short; empty when none is configured */
    SweepWorkerFunction(SweepWorker worker, Optional<SweepFanOut> followUps) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.followUps = Objects.requireNonNull(followUps, "followUps");
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        return SqsBatches.process(event, message -> sweep(message.getBody()));
    }

    private void sweep(String body) {
        SweepRequest request = SweepRequest.fromJson(body);
        SweepOutcome outcome = worker.handle(request);
        SweepReport report = outcome.report();
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.SWEEP_WORKER + ": sweep " + request.sweepId() + " "
                + report.scope().id() + " (tenant " + report.tenant() + "): " + report.keys().size() + " keys, "
                + report.counts().getOrDefault(KeyClass.UNTRACKED, 0L) + " untracked, "
                + report.counts().getOrDefault(KeyClass.MISSING, 0L) + " missing, "
                + report.counts().getOrDefault(KeyClass.DRIFTED, 0L) + " drifted"
                + (outcome.complete() ? "" : ", cut short"));
        Optional<SweepRequest> next = SweepWorker.followUp(request, outcome);
        if (next.isPresent()) {
            queue(next.get());
        }
    }

    private void queue(SweepRequest next) {
        String scope = next.account() + "/" + next.region();
        SweepFanOut queue = followUps.orElseThrow(() -> new IllegalStateException("sweep " + next.sweepId() + " of "
                + scope + " was cut short, and its rest cannot be queued: " + LambdaSettings.SWEEP_QUEUE_URL
                + " is not set"));
        SweepFanOut.Result result = queue.send(List.of(next));
        if (!result.complete()) {
            SweepFanOut.Failure f = result.failed().get(0);
            throw new IllegalStateException("sweep " + next.sweepId() + " of " + scope + " was cut short, and its "
                    + "rest could not be queued: " + f.code() + ": " + f.message());
        }
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.SWEEP_WORKER + ": sweep " + next.sweepId() + " "
                + scope + " continues in a follow-up message");
    }
}
