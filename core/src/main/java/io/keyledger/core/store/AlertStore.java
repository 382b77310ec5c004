package io.keyledger.core.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The alerts raised by the anomaly rules, one per condition. Contract: {@code AlertStoreContract}
 * (in the testkit).
 */
public interface AlertStore {

    /**
     * Stores an alert unless one with the same dedup key is already stored for the tenant, whatever its
     * status: the same condition alerts once.
     *
     * @return true if stored, false for a condition already alerted
     */
    boolean insertAlert(Alert alert);

    /** One alert of the tenant by id. */
    Optional<Alert> alert(String tenant, String alertId);

    /**
     * The tenant's alerts, of one status or all, newest first ({@link io.keyledger.core.alert.Alerts#sortKey}),
     * one page at a time.
     */
    Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page);

    /**
     * Marks an OPEN alert acknowledged, conditional on it still being open, and returns it as stored;
     * empty if there is no such alert or it was already acknowledged (by this or another writer).
     */
    Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at);
}
