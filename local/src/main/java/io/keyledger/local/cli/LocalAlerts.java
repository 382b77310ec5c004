package io.keyledger.local.cli;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.JsonLinesAlertSink;
import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.assembly.CoreSettings;
import java.util.List;

/**
 * The anomaly detection of a local run: the tenant policies from the home directory (or the defaults),
 * alerts kept in the database and appended to {@code <home>/alerts.jsonl}.
 */
final class LocalAlerts {

    private LocalAlerts() {
    }

    /** The settings of a command that raises, reviews or reports on alerts; reads the policy file now. */
    static CoreSettings settings(HomeOptions home) {
        return CoreSettings.DEFAULTS.withPolicies(policies(home))
                .withAlertSinks(List.of(new JsonLinesAlertSink(home.alertsFile())));
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
