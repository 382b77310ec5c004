package io.keyledger.gcp.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Entry point of the scheduled sweep: an HTTP function that Cloud Scheduler POSTs to (with an OIDC token of
 * its service account, which Cloud Run checks before the request arrives: only that account may invoke
 * it). The body, whatever it holds, is not read. The fan-out ({@value KeyLedgerGcpConfiguration#SWEEP_FAN_OUT}
 * in the function catalog) publishes one message per scope and the answer is its summary, 200; when nothing
 * could be published the answer is 500, so that Cloud Scheduler records the failure and retries.
 */
public final class SweepSchedule implements HttpFunction, AutoCloseable {

    private static final Logger LOG = System.getLogger(SweepSchedule.class.getName());

    private final FunctionContext<Supplier<FanOutSummary>> context;
    private final Supplier<FanOutSummary> fanOut;

    /** Called once per instance by the Functions Framework: builds the function and its clients. */
    public SweepSchedule() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.SWEEP_FAN_OUT, Supplier.class));
    }

    SweepSchedule(FunctionContext<Supplier<FanOutSummary>> context) {
        this.context = Objects.requireNonNull(context, "context");
        this.fanOut = context.function();
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        String path = FrameworkHttp.rawPath(request);
        if (!request.getMethod().equals("POST")) {
            response.appendHeader("Allow", "POST");
            FrameworkHttp.problem(response, 405, "about:blank", "Method not allowed",
                    "Cloud Scheduler starts a sweep with a POST", path);
            return;
        }
        FanOutSummary summary;
        try {
            summary = fanOut.get();
        } catch (SweepNotStartedException e) {
            LOG.log(Level.ERROR, e.getMessage());
            FrameworkHttp.problem(response, 500, "about:blank", "Sweep not started", e.getMessage(), path);
            return;
        }
        FrameworkHttp.json(response, 200, "application/json", summary);
    }

    @Override
    public void close() {
        context.close();
    }
}
