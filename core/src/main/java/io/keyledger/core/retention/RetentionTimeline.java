package io.keyledger.core.retention;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The retention rules a tenant's ledger says were in force, and from when: its retention policies and
 * legal holds as ledgered (never as a store's own settings say). Verification reads from it whether a
 * stored expiry is one the rules gave, and whether a record that is gone could have expired; the purge
 * takes the rules in force now from it.
 */
public final class RetentionTimeline {

    /** The rules in force from {@code from} until the next state's {@code from}. */
    public record State(Instant from, long sequence, ExpiryRules rules) {
    }

    private final List<State> states = new ArrayList<>();
    private RetentionPolicy policy = RetentionPolicy.DEFAULT;
    private final Map<Optional<String>, LegalHold> holds = new LinkedHashMap<>();

    public RetentionTimeline() {
        states.add(new State(Instant.MIN, 0, new ExpiryRules(policy, List.of())));
    }

    /**
     * Takes in a ledger record (in sequence order): a policy set, a hold placed or lifted moves the rules on.
     *
     * @throws IllegalArgumentException when such a record's payload cannot be read
     */
    public void accept(LedgerRecord r) {
        switch (r.type()) {
            case RETENTION_POLICY_SET -> {
                JsonNode p = Json.mapper().readTree(r.payload()).path("policy");
                policy = Json.mapper().treeToValue(p, RetentionPolicy.class);
            }
            case LEGAL_HOLD_PLACED -> {
                LegalHold hold = Json.read(r.payload(), LegalHold.class);
                holds.put(hold.keyId(), hold);
            }
            case LEGAL_HOLD_LIFTED -> {
                JsonNode p = Json.mapper().readTree(r.payload());
                String key = p.path("keyId").isNull() || p.path("keyId").isMissingNode() ? null
                        : p.path("keyId").asString();
                holds.remove(Optional.ofNullable(key));
            }
            default -> {
                return;
            }
        }
        states.add(new State(r.recordedAt(), r.sequence(), new ExpiryRules(policy, List.copyOf(holds.values()))));
    }

    /** The rules in force now: the last policy and the holds standing, as ledgered. */
    public ExpiryRules current() {
        return states.get(states.size() - 1).rules();
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** The holds standing, tenant-wide first, then by key id. */
    public List<LegalHold> holds() {
        return holds.values().stream().sorted(Comparator.comparing((LegalHold h) -> h.keyId().orElse(""))).toList();
    }

    /** The sequence of the ledger record that set the rules now in force (0 if none). */
    public long currentSince() {
        return states.get(states.size() - 1).sequence();
    }

    /**
     * Whether {@code stored} is the expiry some rules in force between {@code since} and {@code now} give:
     * a writer stamps a record with the rules it read, which a hold placed meanwhile may have changed.
     */
    public boolean allows(Optional<Instant> stored, Instant since, Instant now,
                          Function<ExpiryRules, Optional<Instant>> expiry) {
        for (int i = 0; i < states.size(); i++) {
            if (overlaps(i, since, now) && expiry.apply(states.get(i).rules()).equals(stored)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a record could have expired, and so be gone legitimately, at some time between {@code since}
     * and {@code now}: some rules in force then gave it an expiry that had passed while they were.
     */
    public boolean couldHaveExpired(Instant since, Instant now, Function<ExpiryRules, Optional<Instant>> expiry) {
        for (int i = 0; i < states.size(); i++) {
            if (!overlaps(i, since, now)) {
                continue;
            }
            Instant end = i + 1 < states.size() ? min(states.get(i + 1).from(), now) : now;
            Optional<Instant> at = expiry.apply(states.get(i).rules());
            if (at.isPresent() && !at.get().isAfter(end)) {
                return true;
            }
        }
        return false;
    }

    private boolean overlaps(int i, Instant since, Instant now) {
        Instant start = states.get(i).from();
        Instant end = i + 1 < states.size() ? states.get(i + 1).from() : Instant.MAX;
        return !start.isAfter(now) && end.isAfter(since);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
