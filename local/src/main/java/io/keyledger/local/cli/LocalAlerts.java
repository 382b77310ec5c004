package io.keyledger.local.cli;

import io.keyledger.core.alert.AlertDispatcher;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.JsonLinesAlertSink;
import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.store.InventoryStore;
import java.util.List;

/**
 * The anomaly detection of a local run: the tenant policies from the home directory (or the defaults),
 * alerts kept in the database and appended to {@code <home>/alerts.jsonl}.
 */
final class LocalAlerts {

    private LocalAlerts() {
    }

    static AlertService service(CliContext context, HomeOptions home, InventoryStore store) {
        AnomalyPolicies policies = policies(home);
        AlertDispatcher sinks = new AlertDispatcher(List.of(new JsonLinesAlertSink(home.alertsFile())));
        return new AlertService(store, context.clock(), policies, sinks);
    }

    /** The tenant policies of the home directory, or the defaults. */
    static AnomalyPolicies policies(HomeOptions home) {
        try {
            return home.policyFile().map(AnomalyPolicies::read).orElse(AnomalyPolicies.DEFAULT);
        } catch (PolicyFormatException e) {
            throw new CliException(e.getMessage());
        }
    }
}
