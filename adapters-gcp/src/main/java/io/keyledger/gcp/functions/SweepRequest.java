package io.keyledger.gcp.functions;

import static io.keyledger.functions.sweep.SweepMessageJson.require;
import static io.keyledger.functions.sweep.SweepMessageJson.required;
import static io.keyledger.functions.sweep.SweepMessageJson.text;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.functions.sweep.SweepMessageJson;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scope of a sweep, as a Pub/Sub message carries it from the fan-out (or the admin API, or a worker's
 * follow-up) to a worker:
 * <pre>
 * {"type": "keyledger.sweep.scope", "sweepId": "scheduled-20261128T000000Z", "project": "acme-payments",
 *  "location": "europe-west1", "tenant": "acme", "cursor": "..."}
 * </pre>
 *
 * @param tenant the tenant the sender resolved the project to; a worker whose tenant mapping says otherwise
 *               refuses the message rather than write into another tenant
 * @param cursor the listing cursor to resume from, for a scope an earlier run cut short
 */
public record SweepRequest(String sweepId, String project, String location, Optional<String> tenant,
                           Optional<String> cursor) {

    public static final String TYPE = "keyledger.sweep.scope";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    /** Cloud KMS page tokens are opaque base64-like text; anything longer is not one. */
    private static final int MAX_CURSOR = 4096;

    public SweepRequest {
        require("sweepId", sweepId, SweepMessageJson.SWEEP_ID);
        require("project", project, PROJECT);
        require("location", location, LOCATION);
        Objects.requireNonNull(tenant, "tenant").ifPresent(TenantIds::requireValid);
        Objects.requireNonNull(cursor, "cursor").ifPresent(c -> {
            if (c.isEmpty() || c.length() > MAX_CURSOR) {
                throw new IllegalArgumentException("sweep request: field 'cursor' must be 1 to " + MAX_CURSOR
                        + " characters");
            }
        });
    }

    public static SweepRequest of(String sweepId, SweepScope scope, Optional<String> tenant) {
        if (scope.provider() != Provider.GCP) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not a Google Cloud scope");
        }
        return new SweepRequest(sweepId, scope.account(), scope.location(), tenant, Optional.empty());
    }

    public SweepScope scope() {
        return new SweepScope(Provider.GCP, project, location);
    }

    /** The same scope and sweep, to be listed on from {@code nextCursor}. */
    public SweepRequest resumeAt(String nextCursor) {
        return new SweepRequest(sweepId, project, location, tenant, Optional.of(nextCursor));
    }

    public String toJson() {
        ObjectNode o = SweepMessageJson.write(TYPE, sweepId, "project", project, "location", location, tenant,
                cursor);
        return Json.write(o);
    }

    /**
     * Reads a message's data.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static SweepRequest fromJson(String body) {
        JsonNode json = SweepMessageJson.read(body, TYPE);
        return new SweepRequest(required(json, "sweepId"), required(json, "project"), required(json, "location"),
                text(json, "tenant"), text(json, "cursor"));
    }
}
