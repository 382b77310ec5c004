package io.keyledger.core.alert;

import io.keyledger.core.ledger.LedgerHash;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One raised alert.
 *
 * <p>The dedup key names the condition (rule, key, and the triggering event or time window), so a
 * redelivered event or a repeated review finds the same key and raises nothing new. The id is derived
 * from tenant and dedup key, so every writer computes the same id for the same condition.
 *
 * @param eventIds the triggering events' dedup keys (provider:event id); empty for review and sweep alerts
 */
public record Alert(String id, String tenant, Rule rule, Severity severity, Optional<String> keyId,
                    List<String> eventIds, String message, String dedupKey, Instant raisedAt, AlertStatus status,
                    Optional<String> acknowledgedBy, Optional<Instant> acknowledgedAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(keyId, "keyId");
        eventIds = List.copyOf(eventIds);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    }

    /** A new open alert of {@code rule}; the dedup key is prefixed with the rule id. */
    public static Alert open(String tenant, Rule rule, Optional<String> keyId, List<String> eventIds, String message,
                             String condition, Instant raisedAt) {
        String dedupKey = dedupKeyOf(rule, condition);
        return new Alert(idOf(tenant, dedupKey), tenant, rule, rule.severity(), keyId, eventIds, message, dedupKey,
                raisedAt, AlertStatus.OPEN, Optional.empty(), Optional.empty());
    }

    /** The id of the alert {@link #open} builds for {@code condition} of {@code rule}. */
    public static String idOf(String tenant, Rule rule, String condition) {
        return idOf(tenant, dedupKeyOf(rule, condition));
    }

    private static String dedupKeyOf(Rule rule, String condition) {
        return rule.id() + ":" + condition;
    }

    /** The id every writer derives for a condition of a tenant. */
    public static String idOf(String tenant, String dedupKey) {
        return "al-" + LedgerHash.sha256Hex(tenant + "\n" + dedupKey).substring(0, 20);
    }

    public Alert acknowledged(String by, Instant at) {
        return new Alert(id, tenant, rule, severity, keyId, eventIds, message, dedupKey, raisedAt,
                AlertStatus.ACKNOWLEDGED, Optional.of(by), Optional.of(at));
    }
}
