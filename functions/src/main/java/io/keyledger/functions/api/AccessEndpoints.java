package io.keyledger.functions.api;

import io.keyledger.core.access.AccessFacts;
import io.keyledger.core.access.AccessLedger;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds which role in the tenant (the configured principal mapping and the local tokens issued), the
 * requests refused, and the access reviews: read, and a review recorded, through the ledger.
 */
final class AccessEndpoints {

    static final int MAX_NOTE = 1000;

    private final InventoryStore store;
    private final Clock clock;
    private final RoleGrants configured;
    private final AccessLedger ledger;

    AccessEndpoints(InventoryStore store, Clock clock, RoleGrants configured, AccessLedger ledger) {
        this.store = store;
        this.clock = clock;
        this.configured = configured;
        this.ledger = ledger;
    }

    /** The grants, those the last review did not cover, the refusals and the last review. */
    HttpResponse get(ApiCall call) {
        AccessFacts facts = AccessFacts.gather(store, call.tenant(), clock.instant());
        List<RoleGrant> grants = facts.grants(configured, call.tenant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", call.tenant());
        body.put("grants", grants.stream().map(AccessEndpoints::grant).toList());
        body.put("notReviewed", facts.notReviewed(grants).stream().map(AccessEndpoints::grant).toList());
        body.put("tokensIssued", facts.tokensIssued());
        body.put("requestsRefused", facts.requestsRefused());
        body.put("lastRequestRefusedAt", facts.lastRefusedAt().map(Object::toString).orElse(null));
        body.put("refusedByOperation", facts.refusedByOperation());
        body.put("reviews", facts.reviews());
        body.put("lastReview", facts.lastReview().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", r.at().toString());
            m.put("by", r.by());
            m.put("note", r.note());
            m.put("grantsReviewed", r.grantsReviewed().size());
            return m;
        }).orElse(null));
        return ApiResponses.json(200, body);
    }

    /** Records that the caller reviewed every current grant (201), with an optional note. */
    HttpResponse review(ApiCall call) {
        Checks checks = new Checks();
        RequestBody body = RequestBody.read(call, Set.of("note"), checks);
        Optional<String> note = body.text("note", MAX_NOTE);
        checks.done();
        List<RoleGrant> grants = AccessFacts.gather(store, call.tenant(), clock.instant()).grants(configured, call.tenant());
        if (grants.size() > AccessFacts.MAX_GRANTS) {
            throw ApiProblem.conflict(grants.size() + " role grants in tenant '" + call.tenant() + "': at most "
                    + AccessFacts.MAX_GRANTS + " can be reviewed at once; narrow the principal mapping");
        }
        ledger.reviewed(call.tenant(), call.principal().id(), note.orElse(""), grants);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", call.tenant());
        answer.put("reviewedBy", call.principal().id());
        answer.put("reviewedAt", clock.instant().toString());
        answer.put("note", note.orElse(""));
        answer.put("grantsReviewed", grants.stream().map(AccessEndpoints::grant).toList());
        return ApiResponses.json(201, answer);
    }

    private static Map<String, Object> grant(RoleGrant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("principal", g.principal());
        m.put("role", g.role().name().toLowerCase(Locale.ROOT));
        m.put("source", g.source() == RoleGrant.Source.PRINCIPAL_MAPPING ? "principal-mapping" : "local-token");
        m.put("expiresAt", g.expiresAt().map(Object::toString).orElse(null));
        return m;
    }
}
