package io.keyledger.gcp.functions;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantIds;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
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

    /** Sweep ids are ledgered in event ids ({@code sweep:<id>:...}): keep them short and plain. */
    private static final Pattern SWEEP_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    /** Cloud KMS page tokens are opaque base64-like text; anything longer is not one. */
    private static final int MAX_CURSOR = 4096;

    public SweepRequest {
        require("sweepId", sweepId, SWEEP_ID);
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
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", TYPE).put("sweepId", sweepId).put("project", project).put("location", location);
        tenant.ifPresent(t -> o.put("tenant", t));
        cursor.ifPresent(c -> o.put("cursor", c));
        return Json.write(o);
    }

    /**
     * Reads a message's data.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static SweepRequest fromJson(String body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("sweep request: not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("sweep request: expected a JSON object");
        }
        String type = text(json, "type").orElse("");
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("sweep request: field 'type' must be '" + TYPE + "', was '" + type + "'");
        }
        return new SweepRequest(required(json, "sweepId"), required(json, "project"), required(json, "location"),
                text(json, "tenant"), text(json, "cursor"));
    }

    private static String required(JsonNode json, String field) {
        return text(json, field).orElseThrow(() -> new IllegalArgumentException(
                "sweep request: field '" + field + "' is missing"));
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("sweep request: field '" + field + "' must be a string");
        }
        return Optional.of(v.asString());
    }

    private static void require(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("sweep request: field '" + field + "' is not valid: '" + value + "'");
        }
    }
}
