package io.keyledger.local.cli;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.JsonLinesAlertSink;
import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.TenantPolicies;
import java.util.List;

/**
 * The tenant policies of a local run, from the home directory's policy file (or the defaults): the
 * anomaly rules, with alerts kept in the database and appended to {@code <home>/alerts.jsonl}, and the
 * owner and responsibility rules every key record is derived under.
 */
final class LocalAlerts {

    private LocalAlerts() {
    }

    /** The settings of a command that raises, reviews or reports on alerts; reads the policy file now. */
    static CoreSettings settings(HomeOptions home) {
        return CoreSettings.DEFAULTS.withTenantPolicies(tenantPolicies(home))
                .withAlertSinks(List.of(new JsonLinesAlertSink(home.alertsFile())));
    }

    /** The anomaly policies of the home directory, or the defaults. */
    static AnomalyPolicies policies(HomeOptions home) {
        return tenantPolicies(home).anomalies();
    }

    /** Everything the home directory's policy file says, or the defaults. */
    static TenantPolicies tenantPolicies(HomeOptions home) {
        try {
            return home.policyFile().map(TenantPolicies::read).orElse(TenantPolicies.DEFAULT);
        } catch (PolicyFormatException e) {
            throw new CliException(e.getMessage());
        }
    }
}
