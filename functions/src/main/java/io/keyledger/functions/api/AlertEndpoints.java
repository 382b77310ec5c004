package io.keyledger.functions.api;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Alerts raised by the anomaly rules, and their acknowledgement (ledgered by {@link AlertService}). */
final class AlertEndpoints {

    private final InventoryStore store;
    private final AlertService alerts;

    AlertEndpoints(InventoryStore store, AlertService alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    /** Newest first, of every status unless {@code status} names one. */
    HttpResponse list(ApiCall call) {
        Checks checks = new Checks();
        Optional<AlertStatus> status = checks.parse(call.query("status"),
                v -> AttributeValues.enumValue(AlertStatus.class, v), m -> FieldError.query("status", m));
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<Alert> found = Params.read(request, () -> store.alerts(call.tenant(), status, request));
        return ApiResponses.json(200, ApiResponses.page(found.items().stream().map(JsonViews::alert).toList(),
                call.sealCursor(found.nextCursor())));
    }

    /**
     * Acknowledges an open alert. Acknowledging again what the caller already acknowledged (a retry) is
     * answered as the first time; an alert someone else acknowledged is a conflict.
     */
    HttpResponse acknowledge(ApiCall call) {
        String alertId = Params.simpleIdInPath(call, "an alert");
        Checks checks = new Checks();
        RequestBody.read(call, Set.of(), checks);
        checks.done();
        String by = call.principal().id();
        AlertService.Acknowledgement result = alerts.acknowledge(call.tenant(), alertId, by);
        if (result instanceof AlertService.Acknowledgement.Acknowledged done) {
            return ApiResponses.json(200, JsonViews.alert(done.alert()));
        }
        if (result instanceof AlertService.Acknowledgement.AlreadyAcknowledged already) {
            Alert alert = already.alert();
            if (alert.acknowledgedBy().equals(Optional.of(by))) {
                return ApiResponses.json(200, JsonViews.alert(alert));
            }
            throw ApiProblem.conflict("alert '" + alertId + "' was already acknowledged by "
                    + alert.acknowledgedBy().orElse("someone") + " at "
                    + alert.acknowledgedAt().map(Object::toString).orElse("an unknown time"));
        }
        throw ApiProblem.notFound("no alert '" + alertId + "' in tenant '" + call.tenant() + "'");
    }
}
