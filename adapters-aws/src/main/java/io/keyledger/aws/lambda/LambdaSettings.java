package io.keyledger.aws.lambda;

import io.keyledger.aws.sweep.AwsEndpoints;
import io.keyledger.aws.sweep.AwsSweepConfig;
import io.keyledger.core.assembly.TenantPolicies;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.CursorSeal;
import io.keyledger.functions.settings.EnvironmentReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the Lambda functions, read from their environment in one place. Each function needs
 * only some of them: those it needs are checked with the {@code require...} methods when its beans are
 * built, so a missing variable fails the function's initialisation with a message naming the variable.
 * Blank values count as unset.
 *
 * @param region          {@code AWS_REGION}, set by Lambda: the region of every SDK client
 * @param tableName       {@code KEYLEDGER_TABLE_NAME}: the DynamoDB table of the inventory
 * @param sweepQueueUrl   {@code KEYLEDGER_SWEEP_QUEUE_URL}: the queue the sweep fan-out fills
 * @param alertTopicArn   {@code KEYLEDGER_ALERT_TOPIC_ARN}: the SNS topic alerts go to (none: alerts are only logged and stored)
 * @param memberRoleName  {@code KEYLEDGER_MEMBER_ROLE_NAME}: the role a sweep assumes in each member account
 * @param externalId      {@code KEYLEDGER_EXTERNAL_ID}: the external id of that role's trust policy (never printed)
 * @param ownAccount      {@code KEYLEDGER_OWN_ACCOUNT}: the account swept with the function's own credentials
 *                        instead of the member role (see {@link AwsSweepConfig#ownAccount()})
 * @param accounts        {@code KEYLEDGER_ACCOUNTS}: the account ids to sweep
 * @param regions         {@code KEYLEDGER_REGIONS}: the regions to sweep
 * @param tenants         {@code KEYLEDGER_TENANTS}: accounts to tenants, the JSON of the CLI's tenants.json or the
 *                        deployment's short form ({@link TenantsVariable})
 * @param adminPrincipals {@code KEYLEDGER_ADMIN_PRINCIPALS}: the admin API's principal mapping, as given
 * @param policy          {@code KEYLEDGER_POLICY}: the tenant policies (anomaly rules, owner and responsibility
 *                        rules), the JSON form of the policy file
 * @param limits          the input limits, the {@code limits} member of {@code KEYLEDGER_TENANTS} (in either form; as
 *                        in the CLI's tenants.json, docs/RELIABILITY.md)
 * @param cursorKey       {@code KEYLEDGER_CURSOR_KEY}: the admin API's secret for page cursors, base64 of at least 32
 *                        random bytes, the same in every instance (never printed); unset, cursors are sealed with a
 *                        key that is not secret ({@link CursorSeal#integrityOnly()})
 * @param ledger          the ledger's signing key, bucket and checkpoint queue ({@link Ledger})
 */
public record LambdaSettings(String region, Optional<String> tableName, Optional<String> sweepQueueUrl,
                             Optional<String> alertTopicArn, Optional<String> memberRoleName,
                             Optional<String> externalId, Optional<String> ownAccount, List<String> accounts,
                             List<String> regions,
                             TenantMapping tenants, Optional<String> adminPrincipals, TenantPolicies policy,
                             IngestLimits limits, Optional<String> cursorKey, Ledger ledger) {

    /**
     * Where the ledger is signed and anchored. Without a key the ledger is neither signed nor verified with
     * one (a deployment before the ledger key existed); every function of a deployment sets all three.
     *
     * @param keyArn             {@code KEYLEDGER_LEDGER_KEY_ARN}: the KMS key (ECC_NIST_P256, SIGN_VERIFY); only
     *                           the signing and maintenance functions may sign with it, the others verify
     * @param bucket             {@code KEYLEDGER_LEDGER_BUCKET}: the Object Lock bucket of checkpoints and archived
     *                           segments
     * @param checkpointQueueUrl {@code KEYLEDGER_CHECKPOINT_QUEUE_URL}: where the writers ask for checkpoints
     */
    public record Ledger(Optional<String> keyArn, Optional<String> bucket, Optional<String> checkpointQueueUrl) {

        public static final Ledger NONE = new Ledger(Optional.empty(), Optional.empty(), Optional.empty());

        public Ledger {
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(checkpointQueueUrl, "checkpointQueueUrl");
        }
    }

    public static final String AWS_REGION = "AWS_REGION";
    public static final String TABLE_NAME = "KEYLEDGER_TABLE_NAME";
    public static final String SWEEP_QUEUE_URL = "KEYLEDGER_SWEEP_QUEUE_URL";
    public static final String ALERT_TOPIC_ARN = "KEYLEDGER_ALERT_TOPIC_ARN";
    public static final String MEMBER_ROLE_NAME = "KEYLEDGER_MEMBER_ROLE_NAME";
    public static final String EXTERNAL_ID = "KEYLEDGER_EXTERNAL_ID";
    public static final String OWN_ACCOUNT = "KEYLEDGER_OWN_ACCOUNT";
    public static final String ACCOUNTS = "KEYLEDGER_ACCOUNTS";
    public static final String REGIONS = "KEYLEDGER_REGIONS";
    public static final String TENANTS = "KEYLEDGER_TENANTS";
    public static final String ADMIN_PRINCIPALS = "KEYLEDGER_ADMIN_PRINCIPALS";
    public static final String POLICY = "KEYLEDGER_POLICY";
    public static final String CURSOR_KEY = "KEYLEDGER_CURSOR_KEY";
    public static final String LEDGER_KEY_ARN = "KEYLEDGER_LEDGER_KEY_ARN";
    public static final String LEDGER_BUCKET = "KEYLEDGER_LEDGER_BUCKET";
    public static final String CHECKPOINT_QUEUE_URL = "KEYLEDGER_CHECKPOINT_QUEUE_URL";

    /** Every environment variable these settings read: a deployment that sets another sets it for nothing. */
    public static final Set<String> VARIABLES = Set.of(AWS_REGION, TABLE_NAME, SWEEP_QUEUE_URL, ALERT_TOPIC_ARN,
            MEMBER_ROLE_NAME, EXTERNAL_ID, OWN_ACCOUNT, ACCOUNTS, REGIONS, TENANTS, ADMIN_PRINCIPALS, POLICY,
            CURSOR_KEY, LEDGER_KEY_ARN, LEDGER_BUCKET, CHECKPOINT_QUEUE_URL);

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern QUEUE_URL = Pattern.compile("https?://[^\\s/]+/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID_TEXT = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,128}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public LambdaSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(sweepQueueUrl, "sweepQueueUrl");
        Objects.requireNonNull(alertTopicArn, "alertTopicArn");
        Objects.requireNonNull(memberRoleName, "memberRoleName");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(ownAccount, "ownAccount");
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(adminPrincipals, "adminPrincipals");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cursorKey, "cursorKey");
        Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Reads and checks the settings of an environment ({@code System.getenv()} in Lambda, a map of the
     * test's own in tests).
     *
     * @throws SettingsException naming the first variable that is missing or malformed
     */
    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env, SettingsException::new);
        return new LambdaSettings(
                r.required(AWS_REGION, REGION, "a region name such as eu-west-1"),
                r.optional(TABLE_NAME, TABLE, "a DynamoDB table name (3 to 255 letters, digits, '_', '-', '.')"),
                r.optional(SWEEP_QUEUE_URL, QUEUE_URL, "an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/111122223333/keyledger-sweep"),
                r.optional(ALERT_TOPIC_ARN, TOPIC_ARN, "an SNS topic ARN such as arn:aws:sns:eu-west-1:111122223333:keyledger-alerts"),
                r.optional(MEMBER_ROLE_NAME, ROLE_NAME, "an IAM role name (not an ARN)"),
                r.secret(EXTERNAL_ID, EXTERNAL_ID_TEXT, "2 to 1224 letters, digits or any of _+=,.@:/-"),
                r.optional(OWN_ACCOUNT, ACCOUNT, "a 12-digit AWS account id"),
                r.list(ACCOUNTS, ACCOUNT, "a 12-digit AWS account id"),
                r.list(REGIONS, REGION, "a region name such as eu-west-1"),
                r.tenants(TENANTS, TenantsVariable::canonical),
                r.text(ADMIN_PRINCIPALS),
                r.policy(POLICY, TenantPolicies.DEFAULT, TenantPolicies::parse),
                r.limits(TENANTS),
                r.cursorKey(CURSOR_KEY),
                new Ledger(r.optional(LEDGER_KEY_ARN, KEY_ARN, "a KMS key ARN such as "
                        + "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                        r.optional(LEDGER_BUCKET, BUCKET, "an S3 bucket name"),
                        r.optional(CHECKPOINT_QUEUE_URL, QUEUE_URL, "an SQS queue URL")));
    }

    /** What seals the admin API's page cursors: the deployment's secret, or the key that is not secret. */
    public CursorSeal cursorSeal() {
        return cursorKey.map(CursorSeal::fromSetting).orElseGet(CursorSeal::integrityOnly);
    }

    public String requireTableName() {
        return require(tableName, TABLE_NAME);
    }

    public String requireSweepQueueUrl() {
        return require(sweepQueueUrl, SWEEP_QUEUE_URL);
    }

    public String requireMemberRoleName() {
        return require(memberRoleName, MEMBER_ROLE_NAME);
    }

    public List<String> requireAccounts() {
        if (accounts.isEmpty()) {
            throw new SettingsException(ACCOUNTS + " is not set: expected the account ids to sweep, comma-separated");
        }
        return accounts;
    }

    public List<String> requireRegions() {
        if (regions.isEmpty()) {
            throw new SettingsException(REGIONS + " is not set: expected the regions to sweep, comma-separated");
        }
        return regions;
    }

    public String requireAdminPrincipals() {
        return require(adminPrincipals, ADMIN_PRINCIPALS);
    }

    /**
     * The sweep's configuration: the member role ({@code KEYLEDGER_MEMBER_ROLE_NAME}, required), its
     * external id, the accounts and Regions (empty: the organisation's accounts, each account's enabled
     * Regions) and the own account, in this function's Region.
     */
    public AwsSweepConfig sweepConfig(AwsEndpoints endpoints) {
        return AwsSweepConfig.of(region, requireMemberRoleName())
                .withAccounts(accounts)
                .withRegions(regions)
                .withExternalId(externalId)
                .withOwnAccount(ownAccount)
                .withEndpoints(endpoints);
    }

    private static <T> T require(Optional<T> value, String variable) {
        return value.orElseThrow(() -> new SettingsException(variable + " is not set"));
    }

    /** Says which settings are set, never what the external id is. */
    @Override
    public String toString() {
        return "LambdaSettings[region=" + region + ", tableName=" + tableName + ", sweepQueueUrl=" + sweepQueueUrl
                + ", alertTopicArn=" + alertTopicArn + ", memberRoleName=" + memberRoleName
                + ", externalId=" + externalId.map(x -> "(set)").orElse("(unset)") + ", ownAccount=" + ownAccount
                + ", accounts=" + accounts
                + ", regions=" + regions + ", tenants=" + tenants + ", adminPrincipals="
                + adminPrincipals.map(x -> "(set)").orElse("(unset)") + ", policy=" + (policy == TenantPolicies.DEFAULT
                ? "(default)" : "(set)") + ", limits=" + limits + ", cursorKey="
                + cursorKey.map(x -> "(set)").orElse("(unset)") + ", ledger=" + ledger + "]";
    }
}
