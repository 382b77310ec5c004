package io.keyledger.azure.functions;

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
 * One vault of a sweep, as a sweep queue message carries it from the schedule (or the admin API) to
 * {@value AzureFunctionNames#SWEEP_VAULT}:
 * <pre>
 * {"type": "keyledger.sweep.vault", "sweepId": "schedule-20261128T0200", "subscription": "6f8a2c1e-...",
 *  "vault": "contoso-kv", "tenant": "acme", "cursor": "...", "resumes": 1}
 * </pre>
 *
 * @param tenant  the tenant the sender resolved the subscription to; a function whose tenant mapping says
 *                otherwise refuses the message rather than write into another tenant
 * @param cursor  the listing cursor to resume from, for a sweep an earlier run cut short
 * @param resumes how many runs of this vault's sweep came before this one (a follow-up's count), so that a
 *                listing that keeps being cut short ends after {@value #MAX_RESUMES}
 */
public record VaultSweepRequest(String sweepId, String subscription, String vault, Optional<String> tenant,
                                Optional<String> cursor, int resumes) {

    public static final String TYPE = "keyledger.sweep.vault";
    public static final int MAX_RESUMES = 50;

    private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Vault names (3 to 24) and managed HSM names (3 to 23): letters, digits, hyphens; lower case in a scope. */
    private static final Pattern VAULT = Pattern.compile("[a-z0-9][a-z0-9-]{1,22}[a-z0-9]");

    public VaultSweepRequest {
        require("sweepId", sweepId, SweepMessageJson.SWEEP_ID);
        require("subscription", subscription, SUBSCRIPTION);
        require("vault", vault, VAULT);
        Objects.requireNonNull(tenant, "tenant").ifPresent(TenantIds::requireValid);
        SweepMessageJson.requireCursor(Objects.requireNonNull(cursor, "cursor"));
        if (resumes < 0 || resumes > MAX_RESUMES) {
            throw new IllegalArgumentException("sweep request: field 'resumes' must be 0 to " + MAX_RESUMES
                    + ", was " + resumes);
        }
    }

    public static VaultSweepRequest of(String sweepId, SweepScope scope, Optional<String> tenant) {
        if (scope.provider() != Provider.AZURE) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not an Azure scope");
        }
        return new VaultSweepRequest(sweepId, scope.account(), scope.location(), tenant, Optional.empty(), 0);
    }

    public SweepScope scope() {
        return new SweepScope(Provider.AZURE, subscription, vault);
    }

    /** The next run of the same vault's sweep, listing on from {@code nextCursor}; empty past the limit. */
    public Optional<VaultSweepRequest> resumeAt(String nextCursor) {
        if (resumes >= MAX_RESUMES) {
            return Optional.empty();
        }
        return Optional.of(new VaultSweepRequest(sweepId, subscription, vault, tenant, Optional.of(nextCursor),
                resumes + 1));
    }

    public String toJson() {
        ObjectNode o = SweepMessageJson.write(TYPE, sweepId, "subscription", subscription, "vault", vault, tenant,
                cursor);
        if (resumes > 0) {
            o.put("resumes", resumes);
        }
        return Json.write(o);
    }

    /**
     * Reads a message body.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static VaultSweepRequest fromJson(String body) {
        JsonNode json = SweepMessageJson.read(body, TYPE);
        JsonNode resumes = json.get("resumes");
        if (resumes != null && !resumes.isNull() && !resumes.isInt()) {
            throw new IllegalArgumentException("sweep request: field 'resumes' must be a whole number");
        }
        return new VaultSweepRequest(required(json, "sweepId"), required(json, "subscription"), required(json, "vault"),
                text(json, "tenant"), text(json, "cursor"), resumes == null || resumes.isNull() ? 0 : resumes.asInt());
    }
}
