package io.keyledger.aws.lambda;

import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.aws.sweep.SweepFanOut;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.messaging.Message;

/**
 * {@code sweepFanOut}: starts a sweep of every (account, Region) scope. EventBridge Scheduler invokes it
 * on the sweep schedule; its payload, whatever it holds, is not read. The scopes are listed
 * ({@link AwsSweepScopes}: the configured accounts or the organisation's, the configured Regions or each
 * account's enabled ones) and one message per scope goes to the sweep queue ({@link SweepFanOut}), all
 * under one sweep id made of the clock's time.
 *
 * <p>Accounts whose Regions cannot be listed and scopes SQS does not take are reported in the answer
 * and logged; the others are swept. If no message at all could be queued the invocation fails
 * ({@link SweepNotStartedException}), so that the scheduler retries it and then dead-letters it.
 */
final class SweepFanOutFunction implements Function<Message<byte[]>, FanOutSummary> {

    private static final Logger LOG = System.getLogger(SweepFanOutFunction.class.getName());

    static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'scheduled-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AwsSweepScopes scopes;
    private final SweepFanOut fanOut;
    private final Clock clock;

    SweepFanOutFunction(AwsSweepScopes scopes, SweepFanOut fanOut, Clock clock) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public FanOutSummary apply(Message<byte[]> ignored) {
        String sweepId = SWEEP_ID.format(clock.instant());
        AwsSweepScopes.ScopeListing listing = scopes.scopes();
        SweepFanOut.Result result = fanOut.enqueue(sweepId, listing.scopes());
        FanOutSummary summary = summary(sweepId, listing, result);
        summary.unreachableAccounts().forEach((account, why) ->
                LOG.log(Level.WARNING, "sweep " + sweepId + ": account " + account + " is not swept: " + why));
        summary.failed().forEach(f -> LOG.log(Level.WARNING, "sweep " + sweepId + ": scope " + f.account() + "/"
                + f.region() + " not queued: " + f.code() + ": " + f.message()));
        if (summary.sent() == 0) {
            throw new SweepNotStartedException(KeyLedgerLambdaConfiguration.SWEEP_FAN_OUT + ": nothing queued, "
                    + summary + reasons(summary));
        }
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.SWEEP_FAN_OUT + ": " + summary);
        return summary;
    }

    static FanOutSummary summary(String sweepId, AwsSweepScopes.ScopeListing listing, SweepFanOut.Result result) {
        List<FanOutSummary.FailedScope> failed = result.failed().stream()
                .map(f -> new FanOutSummary.FailedScope(f.request().account(), f.request().region(), f.code(),
                        f.message()))
                .toList();
        return new FanOutSummary(sweepId, listing.scopes().size(), result.sent(), failed, listing.unreachableAccounts());
    }

    private static String reasons(FanOutSummary summary) {
        StringBuilder out = new StringBuilder();
        if (summary.scopes() == 0 && summary.unreachableAccounts().isEmpty()) {
            out.append(" (no account or Region to sweep)");
        }
        for (Map.Entry<String, String> e : summary.unreachableAccounts().entrySet()) {
            out.append("\n  account ").append(e.getKey()).append(": ").append(e.getValue());
        }
        summary.failed().stream().limit(10).forEach(f -> out.append("\n  ").append(f.account()).append('/')
                .append(f.region()).append(": ").append(f.code()).append(": ").append(f.message()));
        return out.toString();
    }
}
