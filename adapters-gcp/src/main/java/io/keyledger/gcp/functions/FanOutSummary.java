package io.keyledger.gcp.functions;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sweep's fan-out published: the scheduler's answer, and its log line.
 *
 * @param sweepId             the id every message of the sweep carries, and its reports are kept under
 * @param scopes              the (project, location) scopes found
 * @param published           the messages Pub/Sub took, one per scope
 * @param failure             why the other scopes' messages were not published, if some were not
 * @param unreachableProjects projects whose locations could not be listed, with why; they are not swept
 */
public record FanOutSummary(String sweepId, int scopes, int published, Optional<String> failure,
                            Map<String, String> unreachableProjects) {

    public FanOutSummary {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(failure, "failure");
        unreachableProjects = Map.copyOf(unreachableProjects);
    }

    @Override
    public String toString() {
        return "sweep " + sweepId + ": " + scopes + " scopes, " + published + " published, "
                + (scopes - published) + " not published" + failure.map(f -> " (" + f + ")").orElse("") + ", "
                + unreachableProjects.size() + " projects unreachable";
    }
}
