package io.keyledger.gcp.functions;

import java.util.List;

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

    /** One entry point. */
    public record EntryPoint(String className, Signature signature, String function) {
    }

    public static final EntryPoint AUDIT_LOG_EVENTS = new EntryPoint(AuditLogEvents.class.getName(),
            Signature.CLOUDEVENT, KeyLedgerGcpConfiguration.INGEST);
    public static final EntryPoint AUDIT_LOG_PUSH = new EntryPoint(AuditLogPush.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.INGEST);
    public static final EntryPoint SWEEP_SCHEDULE = new EntryPoint(SweepSchedule.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.SWEEP_FAN_OUT);
    public static final EntryPoint SWEEP_MESSAGES = new EntryPoint(SweepMessages.class.getName(),
            Signature.CLOUDEVENT, KeyLedgerGcpConfiguration.SWEEP_SCOPE);
    public static final EntryPoint ADMIN_API_REQUESTS = new EntryPoint(AdminApiRequests.class.getName(),
            Signature.HTTP, KeyLedgerGcpConfiguration.ADMIN_API);

    public static final List<EntryPoint> ALL =
            List.of(AUDIT_LOG_EVENTS, AUDIT_LOG_PUSH, SWEEP_SCHEDULE, SWEEP_MESSAGES, ADMIN_API_REQUESTS);

    private EntryPoints() {
    }
}
