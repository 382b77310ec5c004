package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.aws.format.AwsDemo;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.functions.ingest.IngestOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import tools.jackson.databind.ObjectMapper;

/**
 * Primes a function before Lambda takes its SnapStart snapshot (a CRaC {@code beforeCheckpoint} hook), so
 * that the snapshot holds the classes and code every invocation runs, loaded and initialised, rather than
 * the first invocation after each restore paying for them: the demo's CloudTrail and EventBridge records
 * are read and decoded by the AWS decoders, each event written as KeyLedger's event JSON, and the
 * functions' answers (an ingest outcome, an SQS batch response) written as JSON. It calls no AWS service
 * and touches no store: nothing is ingested, so priming leaves no trace in the inventory. Nothing needs
 * doing after a restore: clients resolve credentials and open connections on their first call.
 *
 * <p>Registered with CRaC's global context by {@link #register}; the caller keeps it (the context may hold
 * its resources weakly). Outside SnapStart the hook is never called and costs nothing.
 */
public final class SnapStartPriming implements Resource {

    private static final System.Logger LOG = System.getLogger(SnapStartPriming.class.getName());

    private final Decoders decoders;
    private final ObjectMapper answers;

    SnapStartPriming(ObjectMapper answers) {
        this.decoders = Decoders.of(AwsDecoders.all());
        this.answers = answers;
    }

    /** A priming hook for a function answering with {@code answers}, registered for the snapshot. */
    static SnapStartPriming register(ObjectMapper answers) {
        SnapStartPriming priming = new SnapStartPriming(answers);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        int events = prime();
        LOG.log(Level.INFO, () -> "primed for the snapshot: " + events + " sample events decoded and written");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // credentials and connections are made on first use, after the restore
    }

    /** Runs the invocation path on the demo's records; the number of events decoded. */
    int prime() {
        AtomicInteger events = new AtomicInteger();
        for (String file : AwsDemo.sampleFiles()) {
            try (InputStream in = AwsDemo.open(file)) {
                decoders.read(file, in, record -> {
                    if (record instanceof DecodedRecord.Event e) {
                        KeyEventJson.write(e.event());
                        events.incrementAndGet();
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prime on " + file, e);
            }
        }
        answers.writeValueAsBytes(new IngestOutcome(1, events.get(), events.get(), 0, 0, List.of(), List.of()));
        answers.writeValueAsBytes(SqsBatches.failures(List.of("primed")));
        return events.get();
    }
}
