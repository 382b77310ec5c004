package io.keyledger.azure.functions;

import io.keyledger.azure.keyvault.AzureSweepConfig;
import io.keyledger.azure.tables.TablesSettings;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.CursorSeal;
import io.keyledger.functions.settings.EnvironmentReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every app setting KeyLedger's code reads, read from the function app's environment in one place. Each
 * function needs only some of them: a function checks those it needs with the {@code require...} methods
 * when it is built, so that a missing setting names itself. Blank values count as unset.
 *
 * <p>Some settings are read by the Functions host, not by this code: the trigger bindings' connections and
 * binding expressions ({@link #HOST_SETTINGS}). The deployment sets both; docs/azure/FUNCTIONS.md lists them.
 *
 * @param tenants          {@code KEYLEDGER_TENANTS}: subscriptions to tenants, the CLI's tenants.json or the short form
 *                         {@code {"<subscription id>": "acme", "default": "shared"}}
 * @param policy           {@code KEYLEDGER_POLICY}: the anomaly policies, the JSON form of the policy file
 * @param adminPrincipals  {@code KEYLEDGER_ADMIN_PRINCIPALS}: the admin API's principal mapping (JSON, docs/AUTH.md)
 * @param appServiceAuth   {@code KEYLEDGER_APP_SERVICE_AUTH}: {@code true} only where App Service authentication
 *                         is enabled in front of the app, so that its {@code X-MS-CLIENT-PRINCIPAL} header is trusted
 * @param entraIssuer      {@code KEYLEDGER_ENTRA_ISSUER}: the Entra ID issuer whose bearer tokens the admin API accepts
 *                         ({@code https://login.microsoftonline.com/<tenant id>/v2.0})
 * @param entraAudience    {@code KEYLEDGER_ENTRA_AUDIENCE}: the audience those tokens must name (the app's client id
 *                         or application id URI)
 * @param sweepQueue       {@code KEYLEDGER_SWEEP_QUEUE}: the Storage queue the sweeps are fanned out over
 * @param queueServiceUri  {@code KEYLEDGER_QUEUES__queueServiceUri}: that queue's service, the same identity-based
 *                         connection the queue trigger uses
 * @param queueConnection  {@code KEYLEDGER_QUEUES}: a connection string of that queue's account instead, which the queue
 *                         trigger accepts too (local runs on Azurite; a deployment uses the identity-based connection)
 * @param alertTopic       {@code KEYLEDGER_ALERT_TOPIC_ENDPOINT}: the Event Grid custom topic alerts are published to
 *                         (none: alerts are only stored and logged)
 * @param sweep            what the sweeps cover and how they are paced: {@code KEYLEDGER_SUBSCRIPTIONS} (the
 *                         subscriptions whose vaults are swept) or {@code KEYLEDGER_MANAGEMENT_GROUP} (every subscription
 *                         of this management group instead; neither: every subscription the identity can see),
 *                         {@code KEYLEDGER_RESOURCE_MANAGER} (Resource Manager's endpoint, for a sovereign cloud) and
 *                         {@code KEYLEDGER_SWEEP_QUOTA_SHARE} (the share of each vault's service limits a sweep may use)
 * @param tables           where the inventory is ({@link TablesSettings}): {@code KEYLEDGER_TABLES_ENDPOINT} (the table
 *                         service of Storage or Cosmos DB for Table, reached as the app's identity) or a connection
 *                         string, {@code KEYLEDGER_TABLE} and {@code KEYLEDGER_TABLES_RETENTION}; empty when none is set
 * @param clientId         {@code AZURE_CLIENT_ID}: the user-assigned managed identity every client authenticates as
 * @param webhookOrigins   {@code KEYLEDGER_WEBHOOK_ORIGINS}: the CloudEvents webhook origins allowed to deliver
 *                         (default {@code eventgrid.azure.net})
 * @param followUpDelay    {@code KEYLEDGER_SWEEP_FOLLOW_UP_DELAY}: how long the next run of a vault's sweep cut short
 *                         stays invisible on the queue (ISO-8601, default {@code PT1M}), so that the vault's
 *                         service limits recover first
 * @param limits           the input limits: the {@code limits} member of {@code KEYLEDGER_TENANTS} (in either form; as
 *                         in the CLI's tenants.json, docs/RELIABILITY.md)
 * @param cursorKey        {@code KEYLEDGER_CURSOR_KEY}: the admin API's secret for page cursors, base64 of at least 32
 *                         random bytes, the same in every instance (never printed); unset, cursors are sealed with a
 *                         key that is not secret ({@link CursorSeal#integrityOnly()})
 * @param ledger           how the ledger is signed here ({@link Ledger})
 */
public record FunctionAppSettings(TenantMapping tenants, AnomalyPolicies policy, Optional<String> adminPrincipals,
                                  boolean appServiceAuth, Optional<String> entraIssuer, Optional<String> entraAudience,
                                  Optional<String> sweepQueue, Optional<URI> queueServiceUri,
                                  Optional<String> queueConnection, Optional<URI> alertTopic, AzureSweepConfig sweep,
                                  Optional<TablesSettings> tables, Optional<String> clientId, Set<String> webhookOrigins,
                                  Duration followUpDelay, IngestLimits limits, Optional<String> cursorKey,
                                  Ledger ledger) {

    /**
     * The ledger's settings.
     *
     * @param keyId           {@code KEYLEDGER_LEDGER_KEY_ID}: the Key Vault key checkpoints are signed with, by its
     *                        versioned identifier ({@code https://<vault>.vault.azure.net/keys/<name>/<version>}); unset:
     *                        the ledger is chained but unsigned
     * @param checkpointQueue {@code KEYLEDGER_CHECKPOINT_QUEUE}: the Storage queue (of the same account as the sweep
     *                        queue) the writers ask for their checkpoints on, which {@code signCheckpoints} reads
     * @param signs           {@code KEYLEDGER_LEDGER_SIGNS}: {@code true} only in the signing app, whose identity may
     *                        use the key; every other instance verifies with its public key and asks for checkpoints
     * @param anchor          {@code KEYLEDGER_LEDGER_CONTAINER}: the blob container, under a version-level immutability
     *                        policy, each checkpoint is also written to ({@code https://<account>.blob.core.windows.net/<name>})
     */
    public record Ledger(Optional<String> keyId, Optional<String> checkpointQueue, boolean signs, Optional<URI> anchor) {
        public static final Ledger NONE = new Ledger(Optional.empty(), Optional.empty(), false, Optional.empty());

        public Ledger {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(checkpointQueue, "checkpointQueue");
            Objects.requireNonNull(anchor, "anchor");
        }
    }

    public static final String TENANTS = "KEYLEDGER_TENANTS";
    public static final String POLICY = "KEYLEDGER_POLICY";
    public static final String ADMIN_PRINCIPALS = "KEYLEDGER_ADMIN_PRINCIPALS";
    public static final String APP_SERVICE_AUTH = "KEYLEDGER_APP_SERVICE_AUTH";
    public static final String ENTRA_ISSUER = "KEYLEDGER_ENTRA_ISSUER";
    public static final String ENTRA_AUDIENCE = "KEYLEDGER_ENTRA_AUDIENCE";
    public static final String SWEEP_QUEUE = "KEYLEDGER_SWEEP_QUEUE";
    /** The connection (a prefix of settings) of the sweep queue, for the queue trigger and this code. */
    public static final String QUEUES_CONNECTION = "KEYLEDGER_QUEUES";
    public static final String QUEUE_SERVICE_URI = QUEUES_CONNECTION + "__queueServiceUri";
    public static final String ALERT_TOPIC = "KEYLEDGER_ALERT_TOPIC_ENDPOINT";
    public static final String SUBSCRIPTIONS = "KEYLEDGER_SUBSCRIPTIONS";
    public static final String MANAGEMENT_GROUP = "KEYLEDGER_MANAGEMENT_GROUP";
    public static final String RESOURCE_MANAGER = "KEYLEDGER_RESOURCE_MANAGER";
    public static final String SWEEP_QUOTA_SHARE = "KEYLEDGER_SWEEP_QUOTA_SHARE";
    public static final String TABLES_ENDPOINT = TablesSettings.ENV_ENDPOINT;
    public static final String TABLES_CONNECTION = TablesSettings.ENV_CONNECTION;
    public static final String TABLE = TablesSettings.ENV_TABLE;
    public static final String TABLES_RETENTION = TablesSettings.ENV_RETENTION;
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String WEBHOOK_ORIGINS = "KEYLEDGER_WEBHOOK_ORIGINS";
    public static final String FOLLOW_UP_DELAY = "KEYLEDGER_SWEEP_FOLLOW_UP_DELAY";
    public static final String LEDGER_KEY_ID = "KEYLEDGER_LEDGER_KEY_ID";
    public static final String CHECKPOINT_QUEUE = "KEYLEDGER_CHECKPOINT_QUEUE";
    public static final String LEDGER_SIGNS = "KEYLEDGER_LEDGER_SIGNS";
    public static final String LEDGER_CONTAINER = "KEYLEDGER_LEDGER_CONTAINER";
    public static final String CURSOR_KEY = "KEYLEDGER_CURSOR_KEY";

    /** Read by the Functions host for the sweep timer's schedule (NCRONTAB, six fields). */
    public static final String SWEEP_SCHEDULE = "KEYLEDGER_SWEEP_SCHEDULE";
    /** Read by the Functions host for the purge timer's schedule (NCRONTAB, six fields). */
    public static final String PURGE_SCHEDULE = "KEYLEDGER_PURGE_SCHEDULE";
    /** The connection (a prefix of settings) of the Event Hub the diagnostic settings stream into. */
    public static final String EVENT_HUB_CONNECTION = "KEYLEDGER_EVENT_HUB";
    public static final String EVENT_HUB_NAME = "KEYLEDGER_EVENT_HUB_NAME";
    public static final String EVENT_HUB_CONSUMER_GROUP = "KEYLEDGER_EVENT_HUB_CONSUMER_GROUP";
    /**
     * The host's storage connection, which the rejected-records blobs are written with; as a connection string (local
     * runs) it is also where the inventory's tables are when no other table setting says.
     */
    public static final String HOST_STORAGE_CONNECTION = TablesSettings.ENV_FUNCTIONS_STORAGE;

    /** Every app setting this code reads: a deployment that sets another of KeyLedger's sets it for nothing. */
    public static final Set<String> VARIABLES = Set.of(TENANTS, POLICY, ADMIN_PRINCIPALS, APP_SERVICE_AUTH, ENTRA_ISSUER,
            ENTRA_AUDIENCE, SWEEP_QUEUE, QUEUE_SERVICE_URI, QUEUES_CONNECTION, ALERT_TOPIC, SUBSCRIPTIONS, MANAGEMENT_GROUP,
            RESOURCE_MANAGER, SWEEP_QUOTA_SHARE, TABLES_ENDPOINT, TABLES_CONNECTION, TABLE, TABLES_RETENTION,
            HOST_STORAGE_CONNECTION, CLIENT_ID, WEBHOOK_ORIGINS, FOLLOW_UP_DELAY, LEDGER_KEY_ID, CHECKPOINT_QUEUE,
            LEDGER_SIGNS, LEDGER_CONTAINER, CURSOR_KEY);

    /** The settings the triggers' binding expressions ({@code %NAME%}) name, read by the host. */
    public static final Set<String> HOST_SETTINGS = Set.of(SWEEP_SCHEDULE, PURGE_SCHEDULE, EVENT_HUB_NAME,
            EVENT_HUB_CONSUMER_GROUP, SWEEP_QUEUE, CHECKPOINT_QUEUE);

    /** Event Grid's origin in the CloudEvents webhook handshake. */
    public static final String EVENT_GRID_ORIGIN = "eventgrid.azure.net";

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Storage queue names: 3 to 63 lower-case letters, digits and single hyphens. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern MANAGEMENT_GROUP_ID = Pattern.compile("[A-Za-z0-9._()-]{1,90}");
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\*");

    public FunctionAppSettings {
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(adminPrincipals, "adminPrincipals");
        Objects.requireNonNull(entraIssuer, "entraIssuer");
        Objects.requireNonNull(entraAudience, "entraAudience");
        Objects.requireNonNull(sweepQueue, "sweepQueue");
        Objects.requireNonNull(queueServiceUri, "queueServiceUri");
        Objects.requireNonNull(queueConnection, "queueConnection");
        Objects.requireNonNull(alertTopic, "alertTopic");
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(clientId, "clientId");
        webhookOrigins = Set.copyOf(webhookOrigins);
        Objects.requireNonNull(followUpDelay, "followUpDelay");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cursorKey, "cursorKey");
    }

    /**
     * Reads and checks the settings of an environment ({@code System.getenv()} in Azure, a map of the test's
     * own in tests).
     *
     * @throws SettingsException naming the first setting that is missing or malformed
     */
    public static FunctionAppSettings fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env, SettingsException::new);
        Optional<String> issuer = r.optional(ENTRA_ISSUER, Pattern.compile("https://\\S+"),
                "an https issuer such as https://login.microsoftonline.com/<tenant id>/v2.0");
        Optional<String> audience = r.text(ENTRA_AUDIENCE);
        if (issuer.isPresent() != audience.isPresent()) {
            throw new SettingsException(issuer.isPresent() ? ENTRA_AUDIENCE + " is not set: an Entra ID issuer needs "
                    + "the audience its tokens are for" : ENTRA_ISSUER + " is not set: " + ENTRA_AUDIENCE
                    + " is set for nothing");
        }
        Optional<String> group = r.optional(MANAGEMENT_GROUP, MANAGEMENT_GROUP_ID, "a management group id");
        List<String> subscriptions = r.list(SUBSCRIPTIONS, GUID, "a subscription id (a GUID)").stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (group.isPresent() && !subscriptions.isEmpty()) {
            throw new SettingsException(SUBSCRIPTIONS + " and " + MANAGEMENT_GROUP
                    + " are both set: name the subscriptions, or the management group whose subscriptions are swept");
        }
        List<String> origins = r.list(WEBHOOK_ORIGINS, ORIGIN, "a host name such as eventgrid.azure.net");
        return new FunctionAppSettings(
                r.tenants(TENANTS, FunctionAppSettings::canonicalTenants),
                r.policy(POLICY, AnomalyPolicies.DEFAULT, AnomalyPolicies::parse),
                r.text(ADMIN_PRINCIPALS),
                flag(r, APP_SERVICE_AUTH),
                issuer,
                audience,
                r.optional(SWEEP_QUEUE, QUEUE_NAME, "a Storage queue name (3 to 63 lower-case letters, digits, hyphens)"),
                uri(r, QUEUE_SERVICE_URI),
                r.text(QUEUES_CONNECTION),
                uri(r, ALERT_TOPIC),
                sweep(r, subscriptions, group),
                tables(r),
                r.optional(CLIENT_ID, GUID, "the client id (a GUID) of the app's user-assigned managed identity"),
                origins.isEmpty() ? Set.of(EVENT_GRID_ORIGIN) : new LinkedHashSet<>(origins),
                duration(r, FOLLOW_UP_DELAY, Duration.ofMinutes(1), Duration.ofDays(7)),
                r.limits(TENANTS),
                r.cursorKey(CURSOR_KEY),
                ledger(r));
    }

    /** What seals the admin API's page cursors: the deployment's secret, or the key that is not secret. */
    public CursorSeal cursorSeal() {
        return cursorKey.map(CursorSeal::fromSetting).orElseGet(CursorSeal::integrityOnly);
    }

    /** The subscriptions whose vaults are swept ({@code KEYLEDGER_SUBSCRIPTIONS}); empty: see {@link #sweep}. */
    public List<String> subscriptions() {
        return sweep.subscriptions();
    }

    /** The management group whose subscriptions are swept ({@code KEYLEDGER_MANAGEMENT_GROUP}). */
    public Optional<String> managementGroup() {
        return sweep.managementGroup();
    }

    public String requireAdminPrincipals() {
        return require(adminPrincipals, ADMIN_PRINCIPALS);
    }

    public String requireCheckpointQueue() {
        return require(ledger.checkpointQueue(), CHECKPOINT_QUEUE);
    }

    public String requireSweepQueue() {
        return require(sweepQueue, SWEEP_QUEUE);
    }

    /** Where the inventory is: its table service, or a connection string, and its tables' name and retention. */
    public TablesSettings requireTables() {
        return tables.orElseThrow(() -> new SettingsException(TABLES_ENDPOINT + " is not set (nor " + TABLES_CONNECTION
                + ", nor a connection string in " + HOST_STORAGE_CONNECTION + "): no inventory store"));
    }

    /** Whether the admin API has any way to authenticate a caller. */
    public boolean authenticatesCallers() {
        return appServiceAuth || entraIssuer.isPresent();
    }

    private static <T> T require(Optional<T> value, String setting) {
        return value.orElseThrow(() -> new SettingsException(setting + " is not set"));
    }

    /** Says which settings are set, never what the principal mapping or the cursor key holds. */
    @Override
    public String toString() {
        return "FunctionAppSettings[tenants=" + tenants + ", policy=" + (policy == AnomalyPolicies.DEFAULT ? "(default)"
                : "(set)") + ", adminPrincipals=" + adminPrincipals.map(x -> "(set)").orElse("(unset)")
                + ", appServiceAuth=" + appServiceAuth + ", entraIssuer=" + entraIssuer + ", entraAudience="
                + entraAudience + ", sweepQueue=" + sweepQueue + ", queueServiceUri=" + queueServiceUri
                + ", queueConnection=" + queueConnection.map(x -> "(set)").orElse("(unset)") + ", alertTopic=" + alertTopic
                + ", sweep=" + sweep + ", tables=" + tables + ", clientId=" + clientId
                + ", webhookOrigins=" + webhookOrigins + ", followUpDelay=" + followUpDelay + ", limits=" + limits
                + ", cursorKey=" + cursorKey.map(x -> "(set)").orElse("(unset)") + ", ledger=" + ledger + "]";
    }

    /** An ISO-8601 duration from zero to {@code max} (a queue message is invisible for at most 7 days). */
    private static Duration duration(EnvironmentReader r, String name, Duration dflt, Duration max) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) {
            return dflt;
        }
        Duration d;
        try {
            d = Duration.parse(v.get());
        } catch (DateTimeParseException e) {
            throw new SettingsException(name + ": expected an ISO-8601 duration such as PT1M, was '" + v.get() + "'");
        }
        if (d.isNegative() || d.compareTo(max) > 0) {
            throw new SettingsException(name + ": expected 0 to " + max + ", was " + d);
        }
        return d;
    }

    private static boolean flag(EnvironmentReader r, String name) {
        Optional<String> v = r.text(name).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isEmpty() || v.get().equals("false")) {
            return false;
        }
        if (v.get().equals("true")) {
            return true;
        }
        throw new SettingsException(name + ": expected true or false, was '" + v.get() + "'");
    }

    /** An https URL (http only on a loopback address, for emulators and fakes). */
    private static Optional<URI> uri(EnvironmentReader r, String name) {
        Optional<String> v = r.text(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(v.get());
        } catch (URISyntaxException e) {
            throw new SettingsException(name + ": not a URL: '" + v.get() + "'");
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new SettingsException(name + ": expected an https URL, was '" + v.get() + "'");
        }
        return Optional.of(uri);
    }

    /** What the sweeps cover and how they are paced; the subscriptions and group are read by the caller. */
    private static AzureSweepConfig sweep(EnvironmentReader r, List<String> subscriptions, Optional<String> group) {
        AzureSweepConfig config = AzureSweepConfig.defaults().withSubscriptions(subscriptions).withManagementGroup(group);
        Optional<String> endpoint = r.text(RESOURCE_MANAGER);
        if (endpoint.isPresent()) {
            try {
                config = config.withResourceManager(new URI(endpoint.get()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new SettingsException(RESOURCE_MANAGER + ": expected an https URL such as "
                        + AzureSweepConfig.PUBLIC_CLOUD + ", was '" + endpoint.get() + "'");
            }
        }
        Optional<String> share = r.text(SWEEP_QUOTA_SHARE);
        if (share.isPresent()) {
            try {
                config = config.withPacing(config.pacing().withQuotaShare(Double.parseDouble(share.get())));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(SWEEP_QUOTA_SHARE + ": expected a share of the vaults' limits above 0 "
                        + "and at most 1, such as 0.5, was '" + share.get() + "'");
            }
        }
        return config;
    }

    /** The ledger key, its checkpoint queue, and whether this instance signs (it then needs the key). */
    private static Ledger ledger(EnvironmentReader r) {
        Optional<String> key = r.optional(LEDGER_KEY_ID, Pattern.compile(
                "https://[A-Za-z0-9-]+\\.(vault\\.azure\\.net|managedhsm\\.azure\\.net)/keys/[A-Za-z0-9-]{1,127}/[0-9a-fA-F]{32}"),
                "a Key Vault key's versioned identifier, https://<vault>.vault.azure.net/keys/<name>/<version>");
        Optional<String> queue = r.optional(CHECKPOINT_QUEUE, QUEUE_NAME,
                "a Storage queue name (3 to 63 lower-case letters, digits, hyphens)");
        boolean signs = flag(r, LEDGER_SIGNS);
        if (signs && key.isEmpty()) {
            throw new SettingsException(LEDGER_KEY_ID + " is not set: " + LEDGER_SIGNS + " says this app signs the "
                    + "ledger, with no key to sign with");
        }
        return new Ledger(key, queue, signs, uri(r, LEDGER_CONTAINER));
    }

    /** The inventory's tables, when any setting names where they are. */
    private static Optional<TablesSettings> tables(EnvironmentReader r) {
        if (r.text(TABLES_ENDPOINT).isPresent()) {
            uri(r, TABLES_ENDPOINT);
        }
        if (r.text(TABLES_ENDPOINT).isEmpty() && r.text(TABLES_CONNECTION).isEmpty()
                && r.text(HOST_STORAGE_CONNECTION).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TablesSettings.fromEnvironment(r.env()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /**
     * The tenant mapping in the CLI's form: the short form's members are subscription ids ({@code azure:} is
     * implied) or {@code <provider>:<account>} keys, besides {@code default} and {@code limits}; anything else is an error naming it, so that a misspelt
     * member never silently sends a subscription's keys to the default tenant.
     */
    static JsonNode canonicalTenants(JsonNode root) {
        if (root == null || !root.isObject() || root.has("accounts")) {
            return root;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode accounts = out.putObject("accounts");
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("default") || e.getKey().equals("limits")) {
                out.set(e.getKey(), e.getValue());
            } else if (GUID.matcher(e.getKey()).matches()) {
                accounts.set(Provider.AZURE.code() + ":" + e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            } else if (e.getKey().indexOf(':') > 0) {
                accounts.set(e.getKey(), e.getValue());
            } else {
                throw new IllegalArgumentException("field '" + e.getKey() + "': expected a subscription id or "
                        + "<provider>:<account>, e.g. azure:6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
            }
        }
        return out;
    }
}
