package io.keyledger.core.alert;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.SweepReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Raises and acknowledges alerts: evaluates the detector, keeps each new condition once in the store,
 * ledgers it (ALERT_RAISED, ALERT_ACKNOWLEDGED) so alerts are as tamper-evident as the inventory, and
 * sends new alerts to the sinks.
 *
 * <p>Storing and ledgering are separate writes (no multi-item transaction): the insert decides which
 * writer raises a condition, and only that writer ledgers and sends it. A writer that dies in between
 * leaves a stored alert without its ledger record; the SQLite store runs both in one unit of work.
 */
public final class AlertService {

    private final InventoryStore store;
    private final Clock clock;
    private final AnomalyDetector detector;
    private final AlertDispatcher dispatcher;
    private final LedgerWriter ledger;
    private final RetentionService retention;
    private final CheckpointRequests checkpoints;

    /**
     * Built once per entry point by {@code io.keyledger.core.assembly.CoreServices}.
     *
     * @param retention the expiry rules the ledger records of alerts are stamped with
     */
    public AlertService(InventoryStore store, Clock clock, AnomalyPolicies policies, AlertDispatcher dispatcher,
                        RetentionService retention) {
        this(store, clock, policies, dispatcher, retention, CheckpointRequests.NONE);
    }

    /** @param checkpoints how the ledger appends of reviews, sweeps' alerts and acknowledgements get signed */
    public AlertService(InventoryStore store, Clock clock, AnomalyPolicies policies, AlertDispatcher dispatcher,
                        RetentionService retention, CheckpointRequests checkpoints) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.detector = new AnomalyDetector(policies, store, clock);
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.ledger = new LedgerWriter(store, clock);
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    public AnomalyDetector detector() {
        return detector;
    }

    public AlertDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Records the alerts an applied event raises and returns the new ones, not yet sent: the caller
     * sends them ({@link #send}) once its unit of work is kept, so that no sink hears of an alert that
     * a rolled-back batch took back.
     */
    public List<Alert> recordEvent(String tenant, AppliedEvent applied) {
        return record(detector.onEvent(tenant, applied));
    }

    /**
     * Whether the rules could raise anything for a successful cryptographic use of a key: only of a destroyed key,
     * or under a policy watching uses. Uses are most of what is ingested; the others need not be judged one by one.
     */
    public boolean judgesUse(String tenant, boolean keyDestroyed) {
        return keyDestroyed || detector.watchesUses(tenant);
    }

    /**
     * Records the premature-destruction alerts that uses arriving after the key's {@code changes} call for (see
     * {@link AnomalyDetector#onLaterUse}); returns the new ones, for the caller to send once its work is kept.
     */
    public List<Alert> recordLaterUse(String tenant, CryptoAsset record, List<KeyEvent> changes) {
        return changes.isEmpty() ? List.of() : record(detector.onLaterUse(tenant, record, changes));
    }

    /** Records and sends the audit-gap alerts of a sweep report; returns the new ones. */
    public List<Alert> onSweep(SweepReport report) {
        List<Alert> raised = store.inUnitOfWork(() -> record(detector.onSweep(report)));
        signed(raised);
        send(raised);
        return raised;
    }

    /** Runs the time-based rules over the tenant's inventory now; records and sends the new alerts. */
    public List<Alert> review(String tenant) {
        List<Alert> raised = store.inUnitOfWork(() -> record(detector.review(tenant, clock.instant())));
        signed(raised);
        send(raised);
        return raised;
    }

    public void send(List<Alert> alerts) {
        dispatcher.send(alerts);
    }

    /** Stores each candidate whose condition is new, and ledgers it; returns those. */
    public List<Alert> record(List<Alert> candidates) {
        List<Alert> raised = new ArrayList<>();
        for (Alert alert : candidates) {
            if (store.insertAlert(alert)) {
                ledger.append(alert.tenant(), LedgerEntryType.ALERT_RAISED, alert.keyId(), Json.write(alert),
                        retention.rules(alert.tenant()));
                raised.add(alert);
            }
        }
        return raised;
    }

    /** What became of an acknowledgement. */
    public sealed interface Acknowledgement {
        record Acknowledged(Alert alert) implements Acknowledgement {
        }

        record AlreadyAcknowledged(Alert alert) implements Acknowledgement {
        }

        record NotFound(String alertId) implements Acknowledgement {
        }
    }

    /** Acknowledges an open alert, conditionally (two people acknowledging at once: one wins), and ledgers it. */
    public Acknowledgement acknowledge(String tenant, String alertId, String by) {
        Acknowledgement done = store.inUnitOfWork(() -> acknowledgeOnce(tenant, alertId, by));
        if (done instanceof Acknowledgement.Acknowledged) {
            checkpoints.request(java.util.Set.of(tenant));
        }
        return done;
    }

    /** Has the ledger appends of these alerts, kept now, signed. */
    private void signed(List<Alert> raised) {
        if (!raised.isEmpty()) {
            checkpoints.request(new java.util.TreeSet<>(raised.stream().map(Alert::tenant).toList()));
        }
    }

    private Acknowledgement acknowledgeOnce(String tenant, String alertId, String by) {
        Optional<Alert> done = store.acknowledgeAlert(tenant, alertId, by, clock.instant());
        if (done.isEmpty()) {
            return store.alert(tenant, alertId)
                    .<Acknowledgement>map(Acknowledgement.AlreadyAcknowledged::new)
                    .orElseGet(() -> new Acknowledgement.NotFound(alertId));
        }
        Alert alert = done.get();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alertId", alert.id());
        payload.put("dedupKey", alert.dedupKey());
        payload.put("rule", alert.rule().id());
        payload.put("acknowledgedBy", by);
        payload.put("acknowledgedAt", alert.acknowledgedAt().orElseThrow());
        ledger.append(tenant, LedgerEntryType.ALERT_ACKNOWLEDGED, alert.keyId(), Json.write(payload),
                retention.rules(tenant));
        return new Acknowledgement.Acknowledged(alert);
    }
}
