package io.keyledger.core.access;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a tenant's ledger says about access, read in one pass over it: the local tokens issued (those still
 * valid at {@code now} hold roles), the requests refused, and the access reviews. Records that do not read
 * as their type says are skipped: verifying the ledger names them.
 */
public final class AccessFacts {

    /** The most grants an access review lists; more is a mapping no review can be read through. */
    public static final int MAX_GRANTS = 1000;

    private final Instant now;
    private final Map<String, RoleGrant> tokenGrants = new TreeMap<>();
    private long tokensIssued;
    private long requestsRefused;
    private Optional<Instant> lastRefusedAt = Optional.empty();
    private final Map<String, Long> refusedByOperation = new TreeMap<>();
    private long reviews;
    private Optional<Review> lastReview = Optional.empty();

    /** One access review: when, by whom, and the grants it covered ({@link RoleGrant#reviewed()}). */
    public record Review(Instant at, String by, String note, Set<String> grantsReviewed) {
        public Review {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(note, "note");
            grantsReviewed = Set.copyOf(grantsReviewed);
        }
    }

    public AccessFacts(Instant now) {
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Reads the tenant's ledger through (expired records included), a page at a time. */
    public static AccessFacts gather(LedgerStore store, String tenant, Instant now) {
        AccessFacts f = new AccessFacts(now);
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.empty(), true, request);
            page.items().forEach(f::add);
            if (page.nextCursor().isEmpty()) {
                return f;
            }
            request = request.next(page.nextCursor().get());
        }
    }

    /** Takes in one ledger record (of any type; only access records count). */
    public void add(LedgerRecord r) {
        if (r.type() != LedgerEntryType.TOKEN_ISSUED && r.type() != LedgerEntryType.ACCESS_REFUSED
                && r.type() != LedgerEntryType.ACCESS_REVIEWED) {
            return;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.payload());
            switch (r.type()) {
                case TOKEN_ISSUED -> token(body);
                case ACCESS_REFUSED -> refusal(body, r.recordedAt());
                default -> review(body, r.recordedAt());
            }
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            // an altered record: the ledger's verification names it
        }
    }

    private void token(JsonNode body) {
        tokensIssued++;
        Instant expires = Instant.parse(body.path("expiresAt").asString());
        if (!expires.isAfter(now)) {
            return;
        }
        String subject = body.path("subject").asString();
        for (JsonNode role : body.path("roles")) {
            Role parsed = Role.valueOf(role.asString().toUpperCase(Locale.ROOT));
            RoleGrant g = new RoleGrant(subject, parsed, RoleGrant.Source.LOCAL_TOKEN, Optional.of(expires));
            // One grant per subject and role: the token that lasts longest stands for them all.
            tokenGrants.merge(g.reviewed(), g, (a, b) -> a.expiresAt().get().isAfter(b.expiresAt().get()) ? a : b);
        }
    }

    private void refusal(JsonNode body, Instant recordedAt) {
        long count = Math.max(1, body.path("count").asLong(1));
        requestsRefused += count;
        refusedByOperation.merge(body.path("operation").asString("UNKNOWN"), count, Long::sum);
        if (lastRefusedAt.isEmpty() || recordedAt.isAfter(lastRefusedAt.get())) {
            lastRefusedAt = Optional.of(recordedAt);
        }
    }

    private void review(JsonNode body, Instant recordedAt) {
        reviews++;
        Set<String> reviewed = new TreeSet<>();
        for (JsonNode g : body.path("grants")) {
            reviewed.add(g.path("principal").asString() + " " + g.path("role").asString().toLowerCase(Locale.ROOT));
        }
        if (lastReview.isEmpty() || !recordedAt.isBefore(lastReview.get().at())) {
            lastReview = Optional.of(new Review(recordedAt, body.path("reviewedBy").asString(),
                    body.path("note").asString(""), reviewed));
        }
    }

    /** Who holds which role now: the configured grants, then the valid tokens' (one per subject and role). */
    public List<RoleGrant> grants(RoleGrants configured, String tenant) {
        List<RoleGrant> out = new ArrayList<>(configured.inTenant(tenant));
        out.addAll(tokenGrants.values());
        return out;
    }

    /** The grants the last review did not cover (all of them, without a review). */
    public List<RoleGrant> notReviewed(List<RoleGrant> grants) {
        Set<String> covered = lastReview.map(Review::grantsReviewed).orElse(Set.of());
        return grants.stream().filter(g -> !covered.contains(g.reviewed())).toList();
    }

    public List<RoleGrant> tokenGrants() {
        return List.copyOf(tokenGrants.values());
    }

    public long tokensIssued() {
        return tokensIssued;
    }

    public long requestsRefused() {
        return requestsRefused;
    }

    public Optional<Instant> lastRefusedAt() {
        return lastRefusedAt;
    }

    public Map<String, Long> refusedByOperation() {
        return new LinkedHashMap<>(refusedByOperation);
    }

    public long reviews() {
        return reviews;
    }

    public Optional<Review> lastReview() {
        return lastReview;
    }
}
