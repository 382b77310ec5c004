package io.keyledger.aws.sweep;

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
 * One scope of a sweep, as a queue message carries it from {@link SweepFanOut} to a {@link SweepWorker}:
 * <pre>
 * {"type": "keyledger.sweep.scope", "sweepId": "2026-11-28T00", "account": "111122223333",
 *  "region": "eu-west-1", "tenant": "acme", "cursor": "..."}
 * </pre>
 *
 * @param tenant the tenant the sender resolved the account to; a worker whose tenant mapping says
 *               otherwise refuses the message rather than write into another tenant
 * @param cursor the listing cursor to resume from, for a sweep an earlier run cut short
 */
public record SweepRequest(String sweepId, String account, String region, Optional<String> tenant,
                           Optional<String> cursor) {

    public static final String TYPE = "keyledger.sweep.scope";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d+");

    public SweepRequest {
        require("sweepId", sweepId, SweepMessageJson.SWEEP_ID);
        require("account", account, ACCOUNT);
        require("region", region, REGION);
        Objects.requireNonNull(tenant, "tenant").ifPresent(TenantIds::requireValid);
        SweepMessageJson.requireCursor(Objects.requireNonNull(cursor, "cursor"));
    }

    public static SweepRequest of(String sweepId, SweepScope scope, Optional<String> tenant) {
        if (scope.provider() != Provider.AWS) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not an AWS scope");
        }
        return new SweepRequest(sweepId, scope.account(), scope.location(), tenant, Optional.empty());
    }

    public SweepScope scope() {
        return new SweepScope(Provider.AWS, account, region);
    }

    /** The same scope and sweep, to be listed on from {@code nextCursor}. */
    public SweepRequest resumeAt(String nextCursor) {
        return new SweepRequest(sweepId, account, region, tenant, Optional.of(nextCursor));
    }

    public String toJson() {
        ObjectNode o = SweepMessageJson.write(TYPE, sweepId, "account", account, "region", region, tenant,
                cursor);
        return Json.write(o);
    }

    /**
     * Reads a message body.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static SweepRequest fromJson(String body) {
        JsonNode json = SweepMessageJson.read(body, TYPE);
        return new SweepRequest(required(json, "sweepId"), required(json, "account"), required(json, "region"),
                text(json, "tenant"), text(json, "cursor"));
    }
}
