package io.keyledger.gcp.functions;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.CursorSeal;
import io.keyledger.functions.settings.EnvironmentReader;
import io.keyledger.gcp.cloudkms.GcpSweepConfig;
import io.keyledger.gcp.firestore.FirestoreSettings;
import io.keyledger.gcp.pubsub.PubSubTopic;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the Google Cloud functions, read from their environment in one place. Each function
 * needs only some of them: those it needs are checked with the {@code require...} methods when it is
 * built, so a missing variable fails the function's initialisation with a message naming the variable.
 * Blank values count as unset.
 *
 * @param project           {@code KEYLEDGER_PROJECT}: the project KeyLedger runs in; topics named by id alone are its
 * @param firestoreDatabase {@code KEYLEDGER_FIRESTORE_DATABASE}: the Firestore database of the inventory
 * @param sweepTopic        {@code KEYLEDGER_SWEEP_TOPIC}: the topic the sweep's scope messages go to
 * @param alertTopic        {@code KEYLEDGER_ALERT_TOPIC}: the topic alerts go to (none: alerts are only logged and stored)
 * @param projects          {@code KEYLEDGER_PROJECTS}: the projects to sweep (none: the organisation's or folder's)
 * @param locations         {@code KEYLEDGER_LOCATIONS}: the Cloud KMS locations to sweep (none: each project's)
 * @param organization      {@code KEYLEDGER_ORGANIZATION}: the organisation whose projects are swept, by number
 * @param folder            {@code KEYLEDGER_FOLDER}: the folder whose projects are swept, by number
 * @param tenants           {@code KEYLEDGER_TENANTS}: projects to tenants ({@link TenantsVariable})
 * @param adminPrincipals   {@code KEYLEDGER_ADMIN_PRINCIPALS}: the admin API's principal mapping, as given
 * @param adminAudiences    {@code KEYLEDGER_ADMIN_AUDIENCES}: the admin API's URLs, the audiences its ID tokens name
 * @param protectedResources {@code KEYLEDGER_PROTECTED_RESOURCES}: {@code true} to ask KMS Inventory what each swept key
 *                          protects (one more request per key; the key's project must be in an organisation)
 * @param policy            {@code KEYLEDGER_POLICY}: the anomaly policies, the JSON form of the policy file
 * @param limits            the input limits: the {@code limits} member of {@code KEYLEDGER_TENANTS} (in either form; as
 *                          in the CLI's tenants.json, docs/RELIABILITY.md)
 * @param cursorKey         {@code KEYLEDGER_CURSOR_KEY}: the admin API's secret for page cursors, base64 of at least 32
 *                          random bytes, the same in every instance (never printed); unset, cursors are sealed with a
 *                          key that is not secret ({@link CursorSeal#integrityOnly()})
 * @param service           {@code K_SERVICE}, set by Cloud Run: the function's name
 * @param firestoreEmulator {@code FIRESTORE_EMULATOR_HOST}: a loopback Firestore emulator instead of Firestore, to
 *                          run the functions locally; never set by a deployment
 * @param ledgerKey         {@code KEYLEDGER_LEDGER_KEY_VERSION}: the Cloud KMS key version ({@code EC_SIGN_P256_SHA256})
 *                          the ledger's checkpoints are signed with; unset: the ledger is chained but unsigned
 * @param checkpointTopic   {@code KEYLEDGER_CHECKPOINT_TOPIC}: the topic the writers ask for their checkpoints on,
 *                          which the signing function reads
 */
public record GcpSettings(Optional<String> project, String firestoreDatabase, Optional<String> sweepTopic,
                          Optional<String> alertTopic, List<String> projects, List<String> locations,
                          Optional<String> organization, Optional<String> folder, TenantMapping tenants,
                          Optional<String> adminPrincipals, List<String> adminAudiences, boolean protectedResources,
                          AnomalyPolicies policy, IngestLimits limits, Optional<String> cursorKey,
                          Optional<String> service, Optional<String> firestoreEmulator, Optional<String> ledgerKey,
                          Optional<String> checkpointTopic) {

    public static final String PROJECT = "KEYLEDGER_PROJECT";
    public static final String FIRESTORE_DATABASE = "KEYLEDGER_FIRESTORE_DATABASE";
    public static final String SWEEP_TOPIC = "KEYLEDGER_SWEEP_TOPIC";
    public static final String ALERT_TOPIC = "KEYLEDGER_ALERT_TOPIC";
    public static final String PROJECTS = "KEYLEDGER_PROJECTS";
    public static final String LOCATIONS = "KEYLEDGER_LOCATIONS";
    public static final String ORGANIZATION = "KEYLEDGER_ORGANIZATION";
    public static final String FOLDER = "KEYLEDGER_FOLDER";
    public static final String TENANTS = "KEYLEDGER_TENANTS";
    public static final String ADMIN_PRINCIPALS = "KEYLEDGER_ADMIN_PRINCIPALS";
    public static final String ADMIN_AUDIENCES = "KEYLEDGER_ADMIN_AUDIENCES";
    public static final String PROTECTED_RESOURCES = "KEYLEDGER_PROTECTED_RESOURCES";
    public static final String POLICY = "KEYLEDGER_POLICY";
    public static final String LEDGER_KEY_VERSION = "KEYLEDGER_LEDGER_KEY_VERSION";
    public static final String CHECKPOINT_TOPIC = "KEYLEDGER_CHECKPOINT_TOPIC";
    public static final String CURSOR_KEY = "KEYLEDGER_CURSOR_KEY";
    /** Set by Cloud Run, never by a deployment. */
    public static final String K_SERVICE = "K_SERVICE";
    /** The variable Google's tools and clients read for a local Firestore emulator; never set by a deployment. */
    public static final String FIRESTORE_EMULATOR_HOST = "FIRESTORE_EMULATOR_HOST";

    /** Every variable a deployment may set: one it sets outside this list, it sets for nothing. */
    public static final Set<String> VARIABLES = Set.of(PROJECT, FIRESTORE_DATABASE, SWEEP_TOPIC, ALERT_TOPIC,
            PROJECTS, LOCATIONS, ORGANIZATION, FOLDER, TENANTS, ADMIN_PRINCIPALS, ADMIN_AUDIENCES, PROTECTED_RESOURCES,
            POLICY, LEDGER_KEY_VERSION, CHECKPOINT_TOPIC, CURSOR_KEY);

    /** Firestore's name of a project's first database. */
    public static final String DEFAULT_DATABASE = "(default)";

    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATABASE = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
    private static final Pattern TOPIC = Pattern.compile("(projects/[a-z0-9.:-]+/topics/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    private static final Pattern KEY_VERSION = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/[0-9]+");
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,20}");
    private static final Pattern LOOPBACK = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{1,5}");

    public GcpSettings {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(firestoreDatabase, "firestoreDatabase");
        Objects.requireNonNull(sweepTopic, "sweepTopic");
        Objects.requireNonNull(alertTopic, "alertTopic");
        projects = List.copyOf(projects);
        locations = List.copyOf(locations);
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(adminPrincipals, "adminPrincipals");
        adminAudiences = List.copyOf(adminAudiences);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cursorKey, "cursorKey");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(firestoreEmulator, "firestoreEmulator");
        Objects.requireNonNull(ledgerKey, "ledgerKey");
        Objects.requireNonNull(checkpointTopic, "checkpointTopic");
    }

    /**
     * Reads and checks the settings of an environment ({@code System.getenv()} in Cloud Run, a map of the
     * test's own in tests).
     *
     * @throws SettingsException naming the first variable that is missing or malformed
     */
    public static GcpSettings fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env, SettingsException::new);
        Optional<String> organization = r.optional(ORGANIZATION, NUMBER, "an organisation's number, such as 123456789012");
        Optional<String> folder = r.optional(FOLDER, NUMBER, "a folder's number, such as 987654321098");
        if (organization.isPresent() && folder.isPresent()) {
            throw new SettingsException(ORGANIZATION + " and " + FOLDER + " are both set: set the one whose projects "
                    + "are swept");
        }
        return new GcpSettings(
                r.optional(PROJECT, PROJECT_ID, "a project id such as acme-security"),
                r.optional(FIRESTORE_DATABASE, DATABASE, "a Firestore database id, or (default)").orElse(DEFAULT_DATABASE),
                r.optional(SWEEP_TOPIC, TOPIC, "a topic id, or projects/<project>/topics/<topic>"),
                r.optional(ALERT_TOPIC, TOPIC, "a topic id, or projects/<project>/topics/<topic>"),
                r.list(PROJECTS, PROJECT_ID, "a project id"),
                r.list(LOCATIONS, LOCATION, "a Cloud KMS location such as europe-west1, us or global"),
                organization,
                folder,
                r.tenants(TENANTS, TenantsVariable::canonical),
                r.text(ADMIN_PRINCIPALS),
                audiences(r),
                r.flag(PROTECTED_RESOURCES),
                r.policy(POLICY, AnomalyPolicies.DEFAULT, AnomalyPolicies::parse),
                r.limits(TENANTS),
                r.cursorKey(CURSOR_KEY),
                r.text(K_SERVICE),
                r.optional(FIRESTORE_EMULATOR_HOST, LOOPBACK, "a loopback address and port, such as 127.0.0.1:8080"),
                r.optional(LEDGER_KEY_VERSION, KEY_VERSION, "a Cloud KMS key version, projects/<project>/locations/"
                        + "<location>/keyRings/<ring>/cryptoKeys/<key>/cryptoKeyVersions/<n>"),
                r.optional(CHECKPOINT_TOPIC, TOPIC, "a topic id, or projects/<project>/topics/<topic>"));
    }

    /**
     * The inventory's Firestore database: {@code KEYLEDGER_FIRESTORE_DATABASE} in {@code KEYLEDGER_PROJECT}, or the
     * emulator of {@code FIRESTORE_EMULATOR_HOST}.
     */
    public FirestoreSettings firestore() {
        FirestoreSettings firestore = FirestoreSettings.of(requireProject());
        if (!firestoreDatabase.equals(DEFAULT_DATABASE)) {
            firestore = firestore.withDatabase(firestoreDatabase);
        }
        return firestoreEmulator.map(firestore::withEmulatorHost).orElse(firestore);
    }

    /**
     * What the sweep covers: the projects of {@code KEYLEDGER_PROJECTS}, else every project of the organisation or
     * folder, else {@code KEYLEDGER_PROJECT} itself; in the locations of {@code KEYLEDGER_LOCATIONS}, else in each
     * project's; with what each key protects when {@code KEYLEDGER_PROTECTED_RESOURCES} is {@code true}.
     */
    public GcpSweepConfig sweepConfig() {
        GcpSweepConfig config;
        if (!projects.isEmpty()) {
            config = GcpSweepConfig.ofProjects(projects);
        } else if (organization.isPresent()) {
            config = GcpSweepConfig.ofParent("organizations/" + organization.get());
        } else if (folder.isPresent()) {
            config = GcpSweepConfig.ofParent("folders/" + folder.get());
        } else if (project.isPresent()) {
            config = GcpSweepConfig.ofProjects(List.of(project.get()));
        } else {
            throw new SettingsException("nothing to sweep: none of " + PROJECTS + ", " + ORGANIZATION + ", " + FOLDER
                    + " and " + PROJECT + " is set");
        }
        return config.withLocations(locations).withKms(config.kms().withProtectedResources(protectedResources));
    }

    /** What seals the admin API's page cursors: the deployment's secret, or the key that is not secret. */
    public CursorSeal cursorSeal() {
        return cursorKey.map(CursorSeal::fromSetting).orElseGet(CursorSeal::integrityOnly);
    }

    public String requireProject() {
        return require(project, PROJECT);
    }

    public PubSubTopic requireSweepTopic() {
        return topic(SWEEP_TOPIC, require(sweepTopic, SWEEP_TOPIC));
    }

    public PubSubTopic requireCheckpointTopic() {
        return topic(CHECKPOINT_TOPIC, require(checkpointTopic, CHECKPOINT_TOPIC));
    }

    public Optional<PubSubTopic> alertPubSubTopic() {
        return alertTopic.map(t -> topic(ALERT_TOPIC, t));
    }

    public String requireAdminPrincipals() {
        return require(adminPrincipals, ADMIN_PRINCIPALS);
    }

    public List<String> requireAdminAudiences() {
        if (adminAudiences.isEmpty()) {
            throw new SettingsException(ADMIN_AUDIENCES + " is not set: expected the admin API's URL, the audience of "
                    + "its callers' ID tokens (https://<region>-<project>.cloudfunctions.net/<function>)");
        }
        return adminAudiences;
    }

    private PubSubTopic topic(String variable, String name) {
        if (name.startsWith("projects/")) {
            return PubSubTopic.parse(name, "unused-default");
        }
        if (project.isEmpty()) {
            throw new SettingsException(variable + " names topic '" + name + "' by its id, and " + PROJECT
                    + " is not set: set it, or name the topic in full (projects/<project>/topics/<topic>)");
        }
        return PubSubTopic.parse(name, project.get());
    }

    private static <T> T require(Optional<T> value, String variable) {
        return value.orElseThrow(() -> new SettingsException(variable + " is not set"));
    }

    /** Says which settings are set, never the principal mapping. */
    @Override
    public String toString() {
        return "GcpSettings[project=" + project + ", firestoreDatabase=" + firestoreDatabase + ", sweepTopic="
                + sweepTopic + ", alertTopic=" + alertTopic + ", projects=" + projects + ", locations=" + locations
                + ", organization=" + organization + ", folder=" + folder + ", tenants=" + tenants
                + ", adminPrincipals=" + adminPrincipals.map(x -> "(set)").orElse("(unset)") + ", adminAudiences="
                + adminAudiences + ", protectedResources=" + protectedResources + ", policy="
                + (policy == AnomalyPolicies.DEFAULT ? "(default)" : "(set)") + ", limits=" + limits + ", cursorKey="
                + cursorKey.map(x -> "(set)").orElse("(unset)") + ", service=" + service
                + ", firestoreEmulator=" + firestoreEmulator + ", ledgerKey=" + ledgerKey + ", checkpointTopic="
                + checkpointTopic + "]";
    }

    private static List<String> audiences(EnvironmentReader r) {
        List<String> urls = r.list(ADMIN_AUDIENCES, Pattern.compile("https://\\S+"), "an https URL");
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(ADMIN_AUDIENCES + ": '" + url + "' is not a URL");
            }
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new SettingsException(ADMIN_AUDIENCES + ": '" + url + "' is not a function URL");
            }
        }
        return urls;
    }
}
