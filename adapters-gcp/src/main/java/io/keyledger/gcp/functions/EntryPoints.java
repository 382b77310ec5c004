package io.keyledger.gcp.functions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry points a deployment names (Cloud Run functions' {@code entry_point}), each with the signature
 * type it is deployed with and the function of the catalog it serves. The deployment's tests hold the
 * Terraform configuration against this list and the built jar against the class names.
 */
public final class EntryPoints {

    /** How the Functions Framework calls an entry point. */
    public enum Signature {
        /** {@code HttpFunction}: an HTTP request (an HTTPS trigger, a Pub/Sub push, Cloud Scheduler). */
        HTTP,
        /** {@code CloudEventsFunction}: a CloudEvent (an Eventarc trigger). */
        CLOUDEVENT
    }

    /**
     * One entry point.
     *
     * @param settings the variables of {@link GcpSettings} its function uses: what a deployment sets for it
     */
    public record EntryPoint(String className, Signature signature, String function, Set<String> settings) {
        public EntryPoint {
            settings = Set.copyOf(settings);
        }
    }

    /** What every function uses: the store, the tenants, the anomaly policies and the alert topic. */
    private static final Set<String> CORE = Set.of(GcpSettings.PROJECT, GcpSettings.FIRESTORE_DATABASE,
            GcpSettings.ALERT_TOPIC, GcpSettings.TENANTS, GcpSettings.POLICY);

    /** What the sweep's functions use besides: the sweep topic, where the scopes are and what is read of them. */
    private static final Set<String> SWEEP = union(CORE, Set.of(GcpSettings.SWEEP_TOPIC, GcpSettings.PROJECTS,
            GcpSettings.LOCATIONS, GcpSettings.ORGANIZATION, GcpSettings.FOLDER, GcpSettings.PROTECTED_RESOURCES));

    public static final EntryPoint AUDIT_LOG_EVENTS = new EntryPoint(AuditLogEvents.class.getName(),
            Signature.CLOUDEVENT, KeyLedgerGcpConfiguration.INGEST, CORE);
    public static final EntryPoint AUDIT_LOG_PUSH = new EntryPoint(AuditLogPush.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.INGEST, CORE);
    public static final EntryPoint SWEEP_SCHEDULE = new EntryPoint(SweepSchedule.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.SWEEP_FAN_OUT, SWEEP);
    public static final EntryPoint SWEEP_MESSAGES = new EntryPoint(SweepMessages.class.getName(),
            Signature.CLOUDEVENT, KeyLedgerGcpConfiguration.SWEEP_SCOPE, SWEEP);
    /** The admin API starts a tenant's sweep (POST /sweeps): the sweep's settings, and its callers'. */
    public static final EntryPoint ADMIN_API_REQUESTS = new EntryPoint(AdminApiRequests.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.ADMIN_API,
            union(SWEEP, Set.of(GcpSettings.ADMIN_PRINCIPALS, GcpSettings.ADMIN_AUDIENCES)));

    public static final List<EntryPoint> ALL =
            List.of(AUDIT_LOG_EVENTS, AUDIT_LOG_PUSH, SWEEP_SCHEDULE, SWEEP_MESSAGES, ADMIN_API_REQUESTS);

    private EntryPoints() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
