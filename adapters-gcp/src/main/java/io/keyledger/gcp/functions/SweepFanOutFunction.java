package io.keyledger.gcp.functions;

import io.keyledger.gcp.pubsub.PublishException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code sweepFanOut}: starts a sweep of every (project, location) scope. The scopes are listed
 * ({@link SweepSources#scopes()}) and one message per scope goes to the sweep topic ({@link SweepTopic}),
 * all under one sweep id made of the clock's time.
 *
 * <p>Projects that cannot be listed are reported in the answer and logged; the others are swept. If no
 * message at all could be published the call fails ({@link SweepNotStartedException}), so that Cloud
 * Scheduler records the failure and retries.
 */
final class SweepFanOutFunction implements Supplier<FanOutSummary> {

    private static final Logger LOG = System.getLogger(SweepFanOutFunction.class.getName());

    static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'scheduled-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SweepSources sources;
    private final SweepTopic topic;
    private final Clock clock;

    SweepFanOutFunction(SweepSources sources, SweepTopic topic, Clock clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public FanOutSummary get() {
        String sweepId = SWEEP_ID.format(clock.instant());
        SweepSources.ScopeListing listing = sources.scopes();
        FanOutSummary summary = publish(topic, sweepId, listing);
        summary.unreachableProjects().forEach((project, why) ->
                LOG.log(Level.WARNING, "sweep " + sweepId + ": project " + project + " is not swept: " + why));
        if (summary.published() == 0) {
            throw new SweepNotStartedException(KeyLedgerGcpConfiguration.SWEEP_FAN_OUT + ": nothing published, "
                    + summary + reasons(summary));
        }
        LOG.log(summary.failure().isPresent() ? Level.WARNING : Level.INFO,
                () -> KeyLedgerGcpConfiguration.SWEEP_FAN_OUT + ": " + summary);
        return summary;
    }

    /** Publishes the listing's scopes; a refusal part-way is reported in the summary, not thrown. */
    static FanOutSummary publish(SweepTopic topic, String sweepId, SweepSources.ScopeListing listing) {
        if (listing.scopes().isEmpty()) {
            return new FanOutSummary(sweepId, 0, 0, Optional.empty(), listing.unreachableProjects());
        }
        try {
            List<String> ids = topic.enqueue(sweepId, listing.scopes());
            return new FanOutSummary(sweepId, listing.scopes().size(), ids.size(), Optional.empty(),
                    listing.unreachableProjects());
        } catch (PublishException e) {
            return new FanOutSummary(sweepId, listing.scopes().size(), e.published(), Optional.of(e.getMessage()),
                    listing.unreachableProjects());
        }
    }

    private static String reasons(FanOutSummary summary) {
        StringBuilder out = new StringBuilder();
        if (summary.scopes() == 0 && summary.unreachableProjects().isEmpty()) {
            out.append(" (no project or location to sweep)");
        }
        for (Map.Entry<String, String> e : summary.unreachableProjects().entrySet()) {
            out.append("\n  project ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return out.toString();
    }
}
