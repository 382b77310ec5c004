package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts: one document per alert in the tenant's {@code alerts}, named after its id, which {@link Alert#idOf}
 * derives from the tenant and the dedup key, so the create that stores an alert is also its dedup. Acknowledging
 * creates the alert's document in {@code acknowledgements} (precondition: it does not exist) in the commit that
 * rewrites the alert: of two acknowledgers, one wins. Listings are newest first ({@link Alerts#sortKey}), by
 * status when asked.
 */
final class AlertDocs implements AlertStore {

    static final String STATUS = "status";
    static final String SORT_KEY = "sortKey";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String BODY = "body";
    private static final String ACKNOWLEDGED_BY = "acknowledgedBy";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;

    AlertDocs(FirestoreCalls calls, TenantDocs tenants) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
    }

    @Override
    public boolean insertAlert(Alert alert) {
        tenants.writing(alert.tenant());
        String derived = Alert.idOf(alert.tenant(), alert.dedupKey());
        if (!alert.id().equals(derived)) {
            throw new IllegalArgumentException("alert id '" + alert.id() + "' is not the id of its tenant and dedup key ('"
                    + derived + "')");
        }
        Writes writes = Writes.of().create(layout.alert(alert.tenant(), alert.id()), encode(alert));
        if (alert.status() != AlertStatus.OPEN) {
            writes.set(layout.acknowledgement(alert.tenant(), alert.id()), acknowledgement(alert));
        }
        return calls.commit(writes, "store the alert " + alert.id());
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        return calls.get(layout.alert(tenant, alertId), "read the alert " + alertId).map(AlertDocs::decode);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        Query q = layout.collection(tenant, Layout.ALERTS);
        if (status.isPresent()) {
            q = q.whereEqualTo(STATUS, status.get().name());
        }
        Optional<String> after = page.cursor().map(Cursors::decode);
        if (after.isPresent()) {
            q = q.whereGreaterThan(SORT_KEY, after.get());
        }
        List<? extends DocumentSnapshot> docs = calls.query(q.orderBy(SORT_KEY).limit(page.limit() + 1),
                "list the alerts of tenant " + tenant);
        List<Alert> out = new ArrayList<>();
        for (DocumentSnapshot d : docs) {
            out.add(decode(d));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<Alert> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(Alerts.sortKey(shown.get(shown.size() - 1)))));
    }

    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        Optional<Alert> open = alert(tenant, alertId).filter(a -> a.status() == AlertStatus.OPEN);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Alert acknowledged = open.get().acknowledged(by, at);
        Writes writes = Writes.of().create(layout.acknowledgement(tenant, alertId), acknowledgement(acknowledged))
                .set(layout.alert(tenant, alertId), encode(acknowledged));
        return calls.commit(writes, "acknowledge the alert " + alertId) ? Optional.of(acknowledged) : Optional.empty();
    }

    private static Map<String, Object> encode(Alert alert) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(STATUS, alert.status().name());
        fields.put(SORT_KEY, Alerts.sortKey(alert));
        fields.put(DEDUP_KEY, alert.dedupKey());
        Fields.putBody(fields, BODY, Json.write(alert));
        return fields;
    }

    private static Map<String, Object> acknowledgement(Alert alert) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(DEDUP_KEY, alert.dedupKey());
        fields.put(ACKNOWLEDGED_BY, alert.acknowledgedBy().orElse(null));
        return fields;
    }

    private static Alert decode(DocumentSnapshot doc) {
        return Json.read(Fields.body(doc, BODY), Alert.class);
    }
}
