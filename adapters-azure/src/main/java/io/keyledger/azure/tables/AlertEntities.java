package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Alerts, in one partition per tenant holding two entities per alert: {@code ID|<alert id>} (read by id;
 * its create is the dedup, since {@link Alert#idOf} derives the id from tenant and dedup key) and
 * {@code S|<status>|<sort key>} (the listing of each status, newest first by {@link Alerts#sortKey}). Both
 * change together in one entity group transaction: a raise creates both, an acknowledgement replaces the
 * first (conditional on its ETag) and moves the second from OPEN to ACKNOWLEDGED.
 */
final class AlertEntities implements AlertStore {

    private static final String STATUS = "status";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String SORT_KEY = "sortKey";
    private static final String BODY = "body";

    private final TableCalls calls;
    private final TenantEntities tenants;

    AlertEntities(TableCalls calls, TenantEntities tenants) {
        this.calls = calls;
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
        return calls.transact(List.of(
                new TableTransactionAction(TableTransactionActionType.CREATE, byId(alert)),
                new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, listed(alert))),
                "store the alert " + alert.id()).applied();
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        return calls.get(Keys.alerts(tenant), idRow(alertId), "read the alert " + alertId).map(AlertEntities::decode);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        List<AlertStatus> statuses = status.map(List::of).orElse(Arrays.asList(AlertStatus.values()));
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::sortKey));
        for (AlertStatus s : statuses) {
            String prefix = statusPrefix(s);
            String filter = "PartitionKey eq " + Keys.literal(Keys.alerts(tenant)) + " and RowKey "
                    + (after.isPresent() ? "gt " + Keys.literal(prefix + KeyText.encode(after.get()))
                    : "ge " + Keys.literal(prefix)) + " and RowKey lt " + Keys.literal(EventEntities.afterPrefix(prefix));
            Head.advance(heads, calls.query(filter, page.limit() + 1, "list the alerts of tenant " + tenant));
        }
        List<Alert> out = new ArrayList<>();
        List<String> sortKeys = new ArrayList<>();
        while (out.size() <= page.limit() && !heads.isEmpty()) {
            Head head = heads.poll();
            out.add(decode(head.entity()));
            sortKeys.add(head.sortKey());
            Head.advance(heads, head.rest());
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        return new Page<>(out.subList(0, page.limit()), Optional.of(Cursors.encode(sortKeys.get(page.limit() - 1))));
    }

    /** The next entity of one status listing, for the merge of several. */
    private record Head(TableEntity entity, String sortKey, Iterator<TableEntity> rest) {
        static void advance(PriorityQueue<Head> heads, Iterator<TableEntity> source) {
            if (source.hasNext()) {
                TableEntity next = source.next();
                heads.add(new Head(next, Entities.string(next, SORT_KEY), source));
            }
        }
    }

    /** Acknowledges in one transaction conditional on the alert's ETag: of two acknowledgers, one wins. */
    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        Optional<TableEntity> read = calls.get(Keys.alerts(tenant), idRow(alertId), "read the alert " + alertId);
        if (read.isEmpty() || !AlertStatus.OPEN.name().equals(Entities.string(read.get(), STATUS))) {
            return Optional.empty();
        }
        Alert open = decode(read.get());
        Alert acknowledged = open.acknowledged(by, at);
        TableEntity openListing = listed(open);
        boolean done = calls.transact(List.of(
                new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE,
                        TableCalls.withETag(byId(acknowledged), read.get().getETag()), true),
                new TableTransactionAction(TableTransactionActionType.DELETE,
                        new TableEntity(openListing.getPartitionKey(), openListing.getRowKey())),
                new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, listed(acknowledged))),
                "acknowledge the alert " + alertId).applied();
        return done ? Optional.of(acknowledged) : Optional.empty();
    }

    private static String idRow(String alertId) {
        return "ID|" + KeyText.encode(alertId);
    }

    private static String statusPrefix(AlertStatus status) {
        return "S|" + status.name() + "|";
    }

    private static TableEntity byId(Alert alert) {
        TableEntity e = Entities.entity(Keys.alerts(alert.tenant()), idRow(alert.id()), "ALERT");
        return fill(e, alert);
    }

    private static TableEntity listed(Alert alert) {
        String sortKey = Alerts.sortKey(alert);
        TableEntity e = Entities.entity(Keys.alerts(alert.tenant()), statusPrefix(alert.status()) + KeyText.encode(sortKey),
                "ALERT_LISTED");
        return fill(e, alert);
    }

    private static TableEntity fill(TableEntity e, Alert alert) {
        e.addProperty(STATUS, alert.status().name());
        e.addProperty(DEDUP_KEY, alert.dedupKey());
        e.addProperty(SORT_KEY, Alerts.sortKey(alert));
        Entities.putBody(e, BODY, Json.write(alert));
        return e;
    }

    private static Alert decode(TableEntity e) {
        return Json.read(Entities.body(e, BODY), Alert.class);
    }
}
