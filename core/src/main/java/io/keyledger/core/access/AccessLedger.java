package io.keyledger.core.access;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the facts of access control into the tenant's ledger, where the evidence (CEK-21.5) reads them:
 * local tokens issued, requests refused, and access reviews. Thread-safe.
 *
 * <p>Refusals are counted, not written one by one: the first refusal of a principal's operation in a
 * tenant is written at once, and the ones that follow within {@link #REFUSAL_WINDOW} are counted into
 * the next record of the same principal and operation, so that a caller repeating a refused request
 * cannot grow the ledger faster than a record a minute. Refusals counted but not yet written when the
 * process ends are lost; the records say how many each one stands for.
 */
public final class AccessLedger {

    public static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
    /** Principal-operation pairs tracked at once; beyond, the oldest windows are written out and dropped. */
    static final int MAX_WINDOWS = 10_000;

    private final InventoryStore store;
    private final Clock clock;
    private final LedgerWriter ledger;
    private final RetentionService retention;
    private final CheckpointRequests checkpoints;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AccessLedger(InventoryStore store, Clock clock, RetentionService retention) {
        this(store, clock, retention, CheckpointRequests.NONE);
    }

    /** @param checkpoints how the ledger heads it moves get signed: the entry point's {@code CoreServices.checkpointRequests()} */
    public AccessLedger(InventoryStore store, Clock clock, RetentionService retention, CheckpointRequests checkpoints) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new LedgerWriter(store, clock);
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Records a local token issued to {@code subject} with {@code roles} in {@code tenant}. */
    public void tokenIssued(String tenant, String subject, Set<Role> roles, Instant issuedAt, Instant expiresAt,
                            String tokenId, String issuedBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("roles", names(roles));
        body.put("issuedAt", issuedAt.toString());
        body.put("expiresAt", expiresAt.toString());
        body.put("tokenId", tokenId);
        body.put("issuedBy", issuedBy);
        append(tenant, LedgerEntryType.TOKEN_ISSUED, body);
    }

    /**
     * Records a request that access control refused ({@link AccessDecision#DENIED}, or NOT_FOUND in a tenant
     * that exists), counting repeats within a minute into one record.
     */
    public void refused(String tenant, String principal, Operation operation, AccessDecision decision) {
        if (decision == AccessDecision.ALLOWED) {
            throw new IllegalArgumentException("decision: an allowed request is not refused");
        }
        Instant now = clock.instant();
        String key = tenant + "\n" + principal + "\n" + operation + "\n" + decision;
        Window written = windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.since.plus(REFUSAL_WINDOW))) {
                return new Window(now, 1 + (w == null ? 0 : w.held), 0, true);
            }
            return new Window(w.since, w.written, w.held + 1, false);
        });
        if (written.fresh) {
            writeRefusal(tenant, principal, operation, decision, written.written, now);
        }
        if (windows.size() > MAX_WINDOWS) {
            flushOlderThan(now.minus(REFUSAL_WINDOW));
        }
    }

    /** Writes out the refusals counted but not yet written, for every window older than {@code before}. */
    public void flushOlderThan(Instant before) {
        if (windows.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Window> e : new ArrayList<>(windows.entrySet())) {
            if (e.getValue().since.isBefore(before) && windows.remove(e.getKey(), e.getValue()) && e.getValue().held > 0) {
                String[] parts = e.getKey().split("\n", 4);
                writeRefusal(parts[0], parts[1], Operation.valueOf(parts[2]), AccessDecision.valueOf(parts[3]),
                        e.getValue().held, clock.instant());
            }
        }
    }

    /**
     * Records that {@code reviewer} reviewed who holds which role in {@code tenant}: the grants reviewed are
     * written with the review, so that a grant made later shows as not reviewed.
     */
    public void reviewed(String tenant, String reviewer, String note, Collection<RoleGrant> grants) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("reviewedBy: required");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewedBy", reviewer);
        body.put("note", note == null ? "" : note);
        List<Map<String, Object>> list = new ArrayList<>();
        for (RoleGrant g : grants) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("principal", g.principal());
            m.put("role", g.role().name().toLowerCase(Locale.ROOT));
            m.put("source", g.source().name());
            g.expiresAt().ifPresent(at -> m.put("expiresAt", at.toString()));
            list.add(m);
        }
        body.put("grants", list);
        append(tenant, LedgerEntryType.ACCESS_REVIEWED, body);
    }

    /** Whether the tenant has a ledger, so that refusals in a tenant nobody created leave nothing behind. */
    public boolean tenantExists(String tenant) {
        return store.ledgerHead(tenant).sequence() > 0;
    }

    private void writeRefusal(String tenant, String principal, Operation operation, AccessDecision decision, long count,
                              Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("principal", principal);
        body.put("operation", operation.name());
        body.put("decision", decision.name());
        body.put("count", count);
        body.put("at", at.toString());
        append(tenant, LedgerEntryType.ACCESS_REFUSED, body);
    }

    private void append(String tenant, LedgerEntryType type, Map<String, Object> body) {
        ledger.append(tenant, type, Optional.empty(), Json.write(body), retention.rules(tenant));
        checkpoints.request(Set.of(tenant));
    }

    private static List<String> names(Set<Role> roles) {
        Set<String> out = new TreeSet<>();
        roles.forEach(r -> out.add(r.name().toLowerCase(Locale.ROOT)));
        return List.copyOf(out);
    }

    /**
     * One principal-operation pair's current minute.
     *
     * @param written refusals the record written at its start stands for
     * @param held    refusals since, not yet written
     * @param fresh   whether this window was just opened (its record is to be written)
     */
    private record Window(Instant since, long written, long held, boolean fresh) {
    }
}
