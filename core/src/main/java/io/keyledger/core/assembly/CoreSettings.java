package io.keyledger.core.assembly;

import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.ingest.IngestListener;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.core.tenant.TenantResolver;
import java.util.List;
import java.util.Objects;

/**
 * What the entry points vary when they assemble the core services ({@link CoreServices}); start from
 * {@link #DEFAULTS} and change what differs.
 *
 * @param tenants          which tenant each cloud account belongs to (ingest, and the sweeps' scopes)
 * @param policies         the tenants' anomaly policies: the alert rules read them, and so do the reports
 * @param alertSinks       where raised alerts go beside the store
 * @param detectsAnomalies whether ingest and sweeps run the anomaly rules; without them nothing raises an
 *                         alert but an explicit review, and acknowledging still works
 * @param ingestListener   observes ingest (progress output, metrics)
 * @param limits           the input limits of each tenant: readers apply the loosest, ingest each event's tenant's
 * @param inventory        the tenants' owner and responsibility rules, which every key record is derived under
 */
public record CoreSettings(TenantResolver tenants, AnomalyPolicies policies, List<AlertSink> alertSinks,
                           boolean detectsAnomalies, IngestListener ingestListener, IngestLimits limits,
                           InventoryPolicies inventory) {

    /** Every account in the default tenant, the default policies, no sink, anomalies detected, no listener. */
    public static final CoreSettings DEFAULTS = new CoreSettings(TenantMapping.defaultOnly(), AnomalyPolicies.DEFAULT,
            List.of(), true, IngestListener.NONE, IngestLimits.DEFAULTS, InventoryPolicies.DEFAULT);

    public CoreSettings {
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(policies, "policies");
        alertSinks = List.copyOf(alertSinks);
        Objects.requireNonNull(ingestListener, "ingestListener");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(inventory, "inventory");
    }

    public CoreSettings withTenants(TenantResolver resolver) {
        return new CoreSettings(resolver, policies, alertSinks, detectsAnomalies, ingestListener, limits, inventory);
    }

    public CoreSettings withPolicies(AnomalyPolicies anomalyPolicies) {
        return new CoreSettings(tenants, anomalyPolicies, alertSinks, detectsAnomalies, ingestListener, limits, inventory);
    }

    public CoreSettings withAlertSinks(List<AlertSink> sinks) {
        return new CoreSettings(tenants, policies, sinks, detectsAnomalies, ingestListener, limits, inventory);
    }

    public CoreSettings withIngestListener(IngestListener listener) {
        return new CoreSettings(tenants, policies, alertSinks, detectsAnomalies, listener, limits, inventory);
    }

    public CoreSettings withLimits(IngestLimits ingestLimits) {
        return new CoreSettings(tenants, policies, alertSinks, detectsAnomalies, ingestListener, ingestLimits, inventory);
    }

    public CoreSettings withInventoryPolicies(InventoryPolicies policies) {
        return new CoreSettings(tenants, this.policies, alertSinks, detectsAnomalies, ingestListener, limits, policies);
    }

    /** Both parts of a policy file: the anomaly rules and the inventory's owner and responsibility rules. */
    public CoreSettings withTenantPolicies(TenantPolicies file) {
        return withPolicies(file.anomalies()).withInventoryPolicies(file.inventory());
    }

    /** Ingest and sweeps raise no alerts: for harnesses that measure them, and for tests that need none. */
    public CoreSettings withoutAnomalyDetection() {
        return new CoreSettings(tenants, policies, alertSinks, false, ingestListener, limits, inventory);
    }
}
