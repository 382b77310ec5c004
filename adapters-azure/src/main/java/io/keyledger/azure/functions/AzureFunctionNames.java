package io.keyledger.azure.functions;

import java.util.List;

/**
 * The functions of KeyLedger's function app: each is a method of {@link KeyLedgerFunctions} (its
 * {@code @FunctionName}), a folder with its function.json in the app, and the name of its function bean in
 * Spring Cloud Function's catalog. The deployment names them too (to disable one, say).
 */
public final class AzureFunctionNames {

    /** Event Hub trigger: Key Vault / Managed HSM AuditEvent and Activity Log records from diagnostic settings. */
    public static final String INGEST_MONITOR_LOGS = "ingestMonitorLogs";
    /** Event Grid trigger: Key Vault events from the vaults' system topics. */
    public static final String INGEST_EVENT_GRID = "ingestEventGrid";
    /** HTTP: the same events delivered to a webhook, with the subscription validation handshakes. */
    public static final String EVENT_GRID_WEBHOOK = "eventGridWebhook";
    /** Timer trigger: fans the vaults out over the sweep queue. */
    public static final String SWEEP_SCHEDULE = "sweepSchedule";
    /** Queue trigger: sweeps one vault, queues its follow-up when cut short. */
    public static final String SWEEP_VAULT = "sweepVault";
    /** Timer trigger: removes what has expired in every tenant, attesting it in the ledger. */
    public static final String PURGE_EXPIRED = "purgeExpired";
    /** HTTP: the tenant admin API. */
    public static final String ADMIN_API = "adminApi";

    public static final List<String> ALL = List.of(INGEST_MONITOR_LOGS, INGEST_EVENT_GRID, EVENT_GRID_WEBHOOK,
            SWEEP_SCHEDULE, SWEEP_VAULT, PURGE_EXPIRED, ADMIN_API);

    /** host.json's {@code extensions.http.routePrefix}: every HTTP function's path starts with it. */
    public static final String ROUTE_PREFIX = "api";
    /** The admin API's route: {@code /api/keyledger/keys}, {@code /api/keyledger/sweeps/...}. */
    public static final String ADMIN_API_ROUTE = "keyledger/{*path}";
    /** The admin API's paths start after this. */
    public static final String ADMIN_API_BASE = "/" + ROUTE_PREFIX + "/keyledger";
    /** The webhook's route: {@code /api/eventgrid/keyvault?code=<function key>}. */
    public static final String WEBHOOK_ROUTE = "eventgrid/keyvault";

    /** The blob container rejected records and Event Grid's dead letters are kept in. */
    public static final String REJECTED_CONTAINER = "keyledger-rejected";

    private AzureFunctionNames() {
    }
}
