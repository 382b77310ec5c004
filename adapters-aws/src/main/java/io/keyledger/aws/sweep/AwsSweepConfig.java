package io.keyledger.aws.sweep;

import io.keyledger.aws.format.KeyArn;
import io.keyledger.aws.kms.KmsSweepOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What to sweep in AWS and how to reach it (docs/aws/SWEEPS.md, "Configuration").
 *
 * @param homeRegion      the Region the sweep runs in: its STS and SQS endpoints, and the partition of
 *                        every ARN it builds
 * @param accounts        the accounts to sweep; empty: every ACTIVE account of the organisation
 *                        (Organizations ListAccounts, from the management or a delegated administrator account)
 * @param regions         the Regions to sweep in every account; empty: each account's enabled Regions
 *                        (Account ListRegions, ENABLED and ENABLED_BY_DEFAULT)
 * @param memberRoleName  the role assumed in each account, {@code arn:<partition>:iam::<account>:role/<name>}
 * @param externalId      the external id the member role's trust policy requires, if any
 * @param ownAccount      the account whose credentials the sweep runs with, if it is to be swept with them
 *                        instead of assuming the member role (a management account usually has no member role)
 * @param roleSessionName the session name of the assumed role, which CloudTrail shows as the caller
 */
public record AwsSweepConfig(String homeRegion, List<String> accounts, List<String> regions, String memberRoleName,
                             Optional<String> externalId, Optional<String> ownAccount, String roleSessionName,
                             KmsSweepOptions kms, AwsEndpoints endpoints) {

    public static final String DEFAULT_SESSION_NAME = "keyledger-sweep";

    /** Environment variables of {@link #fromEnvironment}. */
    public static final String ENV_ACCOUNTS = "KEYLEDGER_ACCOUNTS";
    public static final String ENV_REGIONS = "KEYLEDGER_REGIONS";
    public static final String ENV_ROLE_NAME = "KEYLEDGER_MEMBER_ROLE_NAME";
    public static final String ENV_EXTERNAL_ID = "KEYLEDGER_EXTERNAL_ID";
    public static final String ENV_OWN_ACCOUNT = "KEYLEDGER_OWN_ACCOUNT";
    public static final String ENV_REGION = "AWS_REGION";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d+");
    /** IAM role names: up to 64 of letters, digits and {@code +=,.@_-}. */
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    /** STS external ids: 2 to 1224 of letters, digits and {@code +=,.@:/-}. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    /** STS role session names: 2 to 64 of letters, digits and {@code +=,.@-}. */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    public AwsSweepConfig {
        requireMatch("homeRegion", homeRegion, REGION);
        accounts = List.copyOf(accounts);
        accounts.forEach(a -> requireMatch("accounts", a, ACCOUNT));
        regions = List.copyOf(regions);
        regions.forEach(r -> requireMatch("regions", r, REGION));
        requireMatch("memberRoleName", memberRoleName, ROLE_NAME);
        Objects.requireNonNull(externalId, "externalId").ifPresent(e -> requireMatch("externalId", e, EXTERNAL_ID));
        Objects.requireNonNull(ownAccount, "ownAccount").ifPresent(a -> requireMatch("ownAccount", a, ACCOUNT));
        requireMatch("roleSessionName", roleSessionName, SESSION_NAME);
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(endpoints, "endpoints");
    }

    /** Every active account of the organisation, every enabled Region, through {@code memberRoleName}. */
    public static AwsSweepConfig of(String homeRegion, String memberRoleName) {
        return new AwsSweepConfig(homeRegion, List.of(), List.of(), memberRoleName, Optional.empty(), Optional.empty(),
                DEFAULT_SESSION_NAME, KmsSweepOptions.defaults(), AwsEndpoints.DEFAULT);
    }

    /**
     * Reads {@code AWS_REGION}, {@code KEYLEDGER_MEMBER_ROLE_NAME} (required), and the optional
     * {@code KEYLEDGER_ACCOUNTS} and {@code KEYLEDGER_REGIONS} (comma-separated),
     * {@code KEYLEDGER_EXTERNAL_ID} and {@code KEYLEDGER_OWN_ACCOUNT}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static AwsSweepConfig fromEnvironment(Map<String, String> env) {
        AwsSweepConfig config = read(ENV_REGION + ", " + ENV_ROLE_NAME,
                () -> of(required(env, ENV_REGION), required(env, ENV_ROLE_NAME)));
        config = read(ENV_ACCOUNTS, config, c -> c.withAccounts(list(env.get(ENV_ACCOUNTS))));
        config = read(ENV_REGIONS, config, c -> c.withRegions(list(env.get(ENV_REGIONS))));
        config = read(ENV_EXTERNAL_ID, config, c -> c.withExternalId(optional(env.get(ENV_EXTERNAL_ID))));
        return read(ENV_OWN_ACCOUNT, config, c -> c.withOwnAccount(optional(env.get(ENV_OWN_ACCOUNT))));
    }

    private static AwsSweepConfig read(String variable, AwsSweepConfig config,
                                       UnaryOperator<AwsSweepConfig> setting) {
        return read(variable, () -> setting.apply(config));
    }

    private static AwsSweepConfig read(String variable, Supplier<AwsSweepConfig> setting) {
        try {
            return setting.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep configuration from the environment, " + variable + ": "
                    + e.getMessage(), e);
        }
    }

    /** The AWS partition of the home Region ("aws", "aws-cn", "aws-us-gov", ...). */
    public String partition() {
        return KeyArn.partitionOf(homeRegion);
    }

    /** The member role of {@code account}. */
    public String memberRoleArn(String account) {
        requireMatch("account", account, ACCOUNT);
        return "arn:" + partition() + ":iam::" + account + ":role/" + memberRoleName;
    }

    public AwsSweepConfig withAccounts(List<String> list) {
        return new AwsSweepConfig(homeRegion, list, regions, memberRoleName, externalId, ownAccount, roleSessionName,
                kms, endpoints);
    }

    public AwsSweepConfig withRegions(List<String> list) {
        return new AwsSweepConfig(homeRegion, accounts, list, memberRoleName, externalId, ownAccount, roleSessionName,
                kms, endpoints);
    }

    public AwsSweepConfig withExternalId(Optional<String> id) {
        return new AwsSweepConfig(homeRegion, accounts, regions, memberRoleName, id, ownAccount, roleSessionName,
                kms, endpoints);
    }

    public AwsSweepConfig withOwnAccount(Optional<String> account) {
        return new AwsSweepConfig(homeRegion, accounts, regions, memberRoleName, externalId, account, roleSessionName,
                kms, endpoints);
    }

    public AwsSweepConfig withKms(KmsSweepOptions options) {
        return new AwsSweepConfig(homeRegion, accounts, regions, memberRoleName, externalId, ownAccount,
                roleSessionName, options, endpoints);
    }

    public AwsSweepConfig withEndpoints(AwsEndpoints e) {
        return new AwsSweepConfig(homeRegion, accounts, regions, memberRoleName, externalId, ownAccount,
                roleSessionName, kms, e);
    }

    private static void requireMatch(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("field '" + field + "': not valid: '" + value + "'");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v.trim();
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
