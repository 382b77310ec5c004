package io.keyledger.infra.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment's settings, read from CDK context ({@code cdk.json}, {@code cdk.context.json} or
 * {@code -c key=value}), checked once so that a wrong value fails the synth naming its key.
 *
 * @param lambdaJar       the Lambda artifact (resolved against the repository root)
 * @param trailBucketName an existing CloudTrail bucket whose new log files are ingested; none: no S3 ingest
 * @param trailPrefix     the trail's S3 key prefix ("" or ending in "/"); log files are under {@code <prefix>AWSLogs/}
 * @param trailKeyArn     the KMS key the trail encrypts its log files with, if any
 * @param sweepSchedule   an EventBridge Scheduler expression ({@code rate(...)} or {@code cron(...)})
 * @param memberRoleName  the role the sweeps assume in each member account
 * @param externalId      the external id the member role requires, if any
 * @param organizationId  the AWS Organizations id: the sweeps may assume member roles only inside it
 * @param accounts        the accounts to sweep; empty: every account AWS Organizations lists
 * @param regions         the regions to sweep; empty: every region enabled in each account
 * @param tenantsJson     the account-to-tenant mapping, a JSON object
 * @param adminPrincipalsJson the admin API's principals, a JSON object
 * @param policy          the anomaly policy (YAML or JSON), if any
 * @param alertEmail      an e-mail address subscribed to the alert topic, if any
 * @param paused          the sweep schedule, the KMS event rules and the ledger maintenance are disabled (queued
 *                        work still drains)
 * @param ledgerLockDays  how long the ledger bucket locks each checkpoint (and each archived segment whose records
 *                        are kept forever) in compliance mode: nobody, the account root included, can delete or
 *                        overwrite it before then
 */
public record DeploymentSettings(
        Path lambdaJar,
        Optional<String> trailBucketName,
        String trailPrefix,
        Optional<String> trailKeyArn,
        String sweepSchedule,
        String memberRoleName,
        Optional<String> externalId,
        Optional<String> organizationId,
        List<String> accounts,
        List<String> regions,
        String tenantsJson,
        String adminPrincipalsJson,
        Optional<String> policy,
        Optional<String> alertEmail,
        boolean paused,
        int ledgerLockDays) {

    // Context keys
    public static final String LAMBDA_JAR = "lambdaJar";
    public static final String TRAIL_BUCKET_NAME = "trailBucketName";
    public static final String TRAIL_PREFIX = "trailPrefix";
    public static final String TRAIL_KEY_ARN = "trailKeyArn";
    public static final String SWEEP_SCHEDULE = "sweepSchedule";
    public static final String MEMBER_ROLE_NAME = "memberRoleName";
    public static final String EXTERNAL_ID = "externalId";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String ACCOUNTS = "accounts";
    public static final String REGIONS = "regions";
    public static final String TENANTS = "tenants";
    public static final String ADMIN_PRINCIPALS = "adminPrincipals";
    public static final String POLICY = "policy";
    public static final String POLICY_FILE = "policyFile";
    public static final String ALERT_EMAIL = "alertEmail";
    public static final String PAUSED = "paused";
    public static final String LEDGER_LOCK_DAYS = "ledgerLockDays";

    public static final String DEFAULT_SWEEP_SCHEDULE = "rate(6 hours)";
    public static final String DEFAULT_MEMBER_ROLE_NAME = "KeyLedgerSweepRole";
    /** Seven years: the usual retention of audit evidence. */
    public static final int DEFAULT_LEDGER_LOCK_DAYS = 2557;
    /** S3 accepts a default retention of up to 100 years. */
    static final int MAX_LEDGER_LOCK_DAYS = 36500;

    /**
     * Lambda allows 4 KB of environment per function; the values given here share it with the
     * fixed variables (names, ARNs and URLs, under 1 KB together).
     */
    static final int CONFIGURED_ENVIRONMENT_BUDGET = 3000;

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID_FORMAT = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[\\w-]+");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public DeploymentSettings {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
    }

    /**
     * Reads the settings.
     *
     * @param context  the context lookup ({@code app.getNode()::tryGetContext}); null for an absent key
     * @param repoRoot the repository root, against which relative paths are resolved
     */
    public static DeploymentSettings fromContext(Function<String, Object> context, Path repoRoot) {
        var values = new ContextValues(context);
        String lambdaJar = values.text(LAMBDA_JAR).orElse(LambdaContract.LAMBDA_JAR);
        Optional<String> policy = values.verbatim(POLICY);
        Optional<String> policyFile = values.text(POLICY_FILE);
        if (policy.isPresent() && policyFile.isPresent()) {
            throw new IllegalArgumentException("context: give either " + POLICY + " or " + POLICY_FILE + ", not both");
        }
        if (policyFile.isPresent()) {
            policy = Optional.of(read(repoRoot.resolve(policyFile.get()), POLICY_FILE));
        }
        var settings = new DeploymentSettings(
                repoRoot.resolve(lambdaJar).normalize(),
                values.matching(TRAIL_BUCKET_NAME, BUCKET, "an S3 bucket name"),
                trailPrefix(values.text(TRAIL_PREFIX).orElse("")),
                values.matching(TRAIL_KEY_ARN, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)"),
                values.matching(SWEEP_SCHEDULE, SCHEDULE, "an EventBridge Scheduler expression such as rate(6 hours)")
                        .orElse(DEFAULT_SWEEP_SCHEDULE),
                values.matching(MEMBER_ROLE_NAME, ROLE_NAME, "an IAM role name").orElse(DEFAULT_MEMBER_ROLE_NAME),
                values.matching(EXTERNAL_ID, EXTERNAL_ID_FORMAT, "2 to 1224 of the characters [\\w+=,.@:/-]"),
                values.matching(ORGANIZATION_ID, ORGANIZATION, "an AWS Organizations id (o-...)"),
                values.list(ACCOUNTS, ACCOUNT_ID, "a 12-digit account id"),
                values.list(REGIONS, REGION, "a region name such as eu-west-1"),
                values.jsonObject(TENANTS),
                values.jsonObject(ADMIN_PRINCIPALS),
                policy,
                values.matching(ALERT_EMAIL, EMAIL, "an e-mail address"),
                values.flag(PAUSED),
                values.number(LEDGER_LOCK_DAYS, 1, MAX_LEDGER_LOCK_DAYS).orElse(DEFAULT_LEDGER_LOCK_DAYS));
        settings.checkEnvironmentSize();
        return settings;
    }

    /** The objects CloudTrail writes: {@code <prefix>AWSLogs/...}. */
    public String trailLogsPrefix() {
        return trailPrefix + "AWSLogs/";
    }

    public String accountsList() {
        return String.join(",", accounts);
    }

    public String regionsList() {
        return String.join(",", regions);
    }

    private void checkEnvironmentSize() {
        int size = tenantsJson.length() + adminPrincipalsJson.length() + accountsList().length()
                + regionsList().length() + policy.map(String::length).orElse(0)
                + externalId.map(String::length).orElse(0);
        if (size > CONFIGURED_ENVIRONMENT_BUDGET) {
            throw new IllegalArgumentException("context: " + TENANTS + ", " + ADMIN_PRINCIPALS + ", " + ACCOUNTS
                    + ", " + REGIONS + ", " + POLICY + " and " + EXTERNAL_ID + " take " + size
                    + " characters together, more than the " + CONFIGURED_ENVIRONMENT_BUDGET
                    + " that fit in a Lambda function's 4 KB of environment variables");
        }
    }

    private static String trailPrefix(String prefix) {
        String trimmed = prefix.strip();
        if (trimmed.startsWith("/")) {
            throw new IllegalArgumentException("context " + TRAIL_PREFIX + ": an S3 key prefix does not start with '/': "
                    + prefix);
        }
        return trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("context " + key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Context values as the CLI gives them: strings from {@code -c}, any JSON value from cdk.json. */
    private record ContextValues(Function<String, Object> context) {

        Optional<String> text(String key) {
            Object value = context.apply(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException("context " + key + ": expected a string, got " + toJson(key, value));
            }
            String text = String.valueOf(value).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        /** true or false, as a JSON boolean (cdk.json) or as text (-c paused=true); absent is false. */
        boolean flag(String key) {
            Object value = context.apply(key);
            if (value == null || value instanceof Boolean) {
                return Boolean.TRUE.equals(value);
            }
            return switch (String.valueOf(value).strip()) {
                case "true" -> true;
                case "false", "" -> false;
                default -> throw new IllegalArgumentException("context " + key + ": expected true or false, got '" + value + "'");
            };
        }

        /** A whole number in [min, max], as a JSON number (cdk.json) or as text (-c ledgerLockDays=365). */
        Optional<Integer> number(String key, int min, int max) {
            Optional<String> text = text(key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            int value;
            try {
                value = Integer.parseInt(text.get());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("context " + key + ": expected a whole number, got '" + text.get() + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("context " + key + ": expected " + min + " to " + max + ", got " + value);
            }
            return Optional.of(value);
        }

        /** Text kept as given (YAML is indentation-sensitive), unless it is blank. */
        Optional<String> verbatim(String key) {
            return text(key).map(stripped -> String.valueOf(context.apply(key)));
        }

        Optional<String> matching(String key, Pattern pattern, String expected) {
            Optional<String> value = text(key);
            value.ifPresent(v -> {
                if (!pattern.matcher(v).matches()) {
                    throw new IllegalArgumentException("context " + key + ": expected " + expected + ", got '" + v + "'");
                }
            });
            return value;
        }

        List<String> list(String key, Pattern pattern, String expected) {
            Object value = context.apply(key);
            List<String> items;
            if (value == null) {
                items = List.of();
            } else if (value instanceof List<?> list) {
                items = list.stream().map(String::valueOf).map(String::strip).toList();
            } else {
                items = Arrays.stream(String.valueOf(value).split(",")).map(String::strip)
                        .filter(item -> !item.isEmpty()).toList();
            }
            for (int i = 0; i < items.size(); i++) {
                if (!pattern.matcher(items.get(i)).matches()) {
                    throw new IllegalArgumentException("context " + key + "[" + i + "]: expected " + expected
                            + ", got '" + items.get(i) + "'");
                }
            }
            return items.stream().distinct().toList();
        }

        /** A JSON object, given as an object in cdk.json or as its text; absent means {}. */
        String jsonObject(String key) {
            Object value = context.apply(key);
            if (value == null) {
                return "{}";
            }
            String text = value instanceof String s ? s.strip() : toJson(key, value);
            if (text.isEmpty()) {
                return "{}";
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("context " + key + ": not JSON: " + e.getOriginalMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("context " + key + ": expected a JSON object, got " + text);
            }
            return JSON.writeValueAsString(node);
        }

        private static String toJson(String key, Object value) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("context " + key + ": cannot be written as JSON", e);
            }
        }
    }
}
