package io.keyledger.gcp.functions;

import io.keyledger.core.key.Provider;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.sweep.ApiSweepStart;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Starts a tenant's sweep from the admin API ({@code POST /sweeps}) the way the schedule starts one: one
 * message per scope on the sweep topic, for the workers to sweep. The tenant's scopes are its projects
 * (those {@code KEYLEDGER_TENANTS} assigns to it; for the default tenant also the projects of
 * {@code KEYLEDGER_PROJECTS} that no entry names), each in its locations ({@link SweepSources#scopesOf}).
 *
 * <p>A project only the organisation's listing would find (not named in the tenant mapping) cannot be
 * swept from here: it belongs to the default tenant, and the scheduled sweep covers it.
 */
final class TopicSweepLauncher implements SweepLauncher {

    private static final Logger LOG = System.getLogger(TopicSweepLauncher.class.getName());

    private final GcpSettings settings;
    private final SweepSources sources;
    private final SweepTopic topic;
    private final Clock clock;

    TopicSweepLauncher(GcpSettings settings, SweepSources sources, SweepTopic topic, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String start(String tenant, String requestedBy) {
        List<String> projects = projectsOf(tenant);
        if (projects.isEmpty()) {
            throw new IllegalStateException("no Google Cloud project of tenant '" + tenant + "' is known here: "
                    + GcpSettings.TENANTS + " names none");
        }
        SweepSources.ScopeListing listing = sources.scopesOf(projects);
        if (listing.scopes().isEmpty()) {
            throw new IllegalStateException("no scope of tenant '" + tenant + "' could be listed"
                    + (listing.unreachableProjects().isEmpty() ? "" : ": " + listing.unreachableProjects()));
        }
        String sweepId = ApiSweepStart.SWEEP_ID.format(clock.instant());
        FanOutSummary summary = SweepFanOutFunction.publish(topic, sweepId, listing);
        if (summary.published() == 0) {
            throw new IllegalStateException("the sweep could not be published: " + summary.failure().orElse("no scope"));
        }
        summary.unreachableProjects().forEach((project, why) ->
                LOG.log(Level.WARNING, "sweep " + sweepId + ": project " + project + " is not swept: " + why));
        LOG.log(summary.failure().isPresent() ? Level.WARNING : Level.INFO, () -> KeyLedgerGcpConfiguration.ADMIN_API
                + ": " + summary + ", tenant " + tenant + ", requested by " + requestedBy);
        return sweepId;
    }

    /** The tenant's projects, in the mapping's order; limited to KEYLEDGER_PROJECTS when that is set. */
    List<String> projectsOf(String tenant) {
        return ApiSweepStart.accountsOf(tenant, settings.tenants(), Provider.GCP, settings.projects());
    }
}
