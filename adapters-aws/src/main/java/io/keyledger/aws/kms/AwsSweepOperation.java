package io.keyledger.aws.kms;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.PacingPolicy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Every AWS API operation a sweep sends, in one table: the KMS reads of the key source ({@link KmsKeySource}),
 * each with its documented request quota, and the calls of the scope discovery
 * ({@code io.keyledger.aws.sweep.AwsSweepScopes}) that finds the accounts and Regions to sweep and reaches them.
 *
 * <p>Every request of the sweep names its row, and the SDK clients the sweep builds refuse any operation that has
 * none ({@link DeclaredOperationCheck}), so a call cannot be added without being declared here. The deployment
 * templates (module {@code infra}) grant exactly these operations' IAM actions, read from this table when they are
 * synthesised: nothing here may touch the AWS SDK, which is not on the CDK app's classpath.
 */
public enum AwsSweepOperation {
    LIST_KEYS(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "ListKeys", false,
            PacingPolicy.AWS_LIST_KEYS_PER_SECOND),
    LIST_ALIASES(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "ListAliases", false,
            PacingPolicy.AWS_LIST_KEYS_PER_SECOND),
    DESCRIBE_KEY(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "DescribeKey", true,
            PacingPolicy.AWS_DESCRIBE_KEY_PER_SECOND),
    GET_KEY_ROTATION_STATUS(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "GetKeyRotationStatus", true,
            PacingPolicy.AWS_GET_KEY_ROTATION_STATUS_PER_SECOND),
    LIST_KEY_ROTATIONS(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "ListKeyRotations", true,
            PacingPolicy.AWS_LIST_KEY_ROTATIONS_PER_SECOND),
    LIST_RESOURCE_TAGS(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "ListResourceTags", true,
            PacingPolicy.AWS_LIST_RESOURCE_TAGS_PER_SECOND),
    /** The last cryptographic use KMS tracked, and its operation: usage that events may not show. */
    GET_KEY_LAST_USAGE(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "GetKeyLastUsage", true,
            PacingPolicy.AWS_GET_KEY_LAST_USAGE_PER_SECOND),
    /** The grantees of the key: principals and the services acting for them. */
    LIST_GRANTS(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "ListGrants", true,
            PacingPolicy.AWS_LIST_GRANTS_PER_SECOND),
    /** The key policy, analysed for other accounts' principals and the lock-out risk, never stored. */
    GET_KEY_POLICY(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "GetKeyPolicy", true,
            PacingPolicy.AWS_GET_KEY_POLICY_PER_SECOND),
    /** The scope's custom key stores (CloudHSM and external), once per sweep; IAM has no resource for it. */
    DESCRIBE_CUSTOM_KEY_STORES(Purpose.READ_KEYS, Caller.SWEPT_ACCOUNT, "kms", "DescribeCustomKeyStores", false,
            PacingPolicy.AWS_DESCRIBE_CUSTOM_KEY_STORES_PER_SECOND),
    /** Only when no accounts are configured; it answers in the management or a delegated administrator account. */
    LIST_ACCOUNTS(Purpose.FIND_SCOPES, Caller.SWEEP, "organizations", "ListAccounts", false, 0),
    /** Only when no Regions are configured: opt-in Regions differ between accounts. */
    LIST_REGIONS(Purpose.FIND_SCOPES, Caller.SWEPT_ACCOUNT, "account", "ListRegions", false, 0),
    ASSUME_ROLE(Purpose.REACH_ACCOUNTS, Caller.SWEEP, "sts", "AssumeRole", true, 0);

    /** What the sweep sends an operation for. */
    public enum Purpose {
        /** The key source: one scope's keys, aliases, rotation, tags, last use, grants and policy, and key stores. */
        READ_KEYS,
        /** The scope discovery: the accounts, and each account's Regions. */
        FIND_SCOPES,
        /** Credentials in a swept account, for the key sources and the scope discovery alike. */
        REACH_ACCOUNTS
    }

    /** Whose credentials an operation is sent with, and so where its permission must be granted. */
    public enum Caller {
        /** The sweep's own (its function's role), in the account the sweep runs in. */
        SWEEP,
        /** The swept account's: its member role's, or the sweep's own when it sweeps its own account. */
        SWEPT_ACCOUNT
    }

    private final Purpose purpose;
    private final Caller caller;
    private final ApiOperation operation;
    private final double documentedPerSecond;

    AwsSweepOperation(Purpose purpose, Caller caller, String service, String name, boolean resourceLevel,
                      double documentedPerSecond) {
        this.purpose = purpose;
        this.caller = caller;
        // IAM names an AWS operation's action after the service's prefix and the operation itself.
        this.operation = new ApiOperation(Provider.AWS, service, name, service + ":" + name, resourceLevel);
        this.documentedPerSecond = documentedPerSecond;
    }

    public Purpose purpose() {
        return purpose;
    }

    public Caller caller() {
        return caller;
    }

    /** The operation, its IAM action ({@code kms:ListKeys}) and whether the action takes named resources. */
    public ApiOperation operation() {
        return operation;
    }

    /** The operation's name, as the API, IAM and CloudTrail name it ({@code ListKeys}). */
    public String operationName() {
        return operation.name();
    }

    /**
     * The documented request quota per account and Region (AWS KMS Developer Guide, "Request quotas"), which
     * the key source paces each operation within; empty for the scope discovery's few calls per sweep, which
     * are retried with backoff when throttled instead.
     */
    public OptionalDouble documentedPerSecond() {
        return documentedPerSecond > 0 ? OptionalDouble.of(documentedPerSecond) : OptionalDouble.empty();
    }

    /** The rows sent for {@code purpose}, in the table's order. */
    public static List<AwsSweepOperation> of(Purpose purpose) {
        return Arrays.stream(values()).filter(o -> o.purpose == purpose).toList();
    }

    /** The row of an operation of a service ({@code "kms"}, {@code "ListKeys"}), if the sweep declares it. */
    public static Optional<AwsSweepOperation> find(String service, String name) {
        return Arrays.stream(values())
                .filter(o -> o.operation.service().equals(service) && o.operation.name().equals(name))
                .findFirst();
    }

    /** The operations of the rows, in the table's order. */
    public static Set<ApiOperation> operations(List<AwsSweepOperation> rows) {
        Set<ApiOperation> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.operation));
        return Collections.unmodifiableSet(out);
    }

    /** Every operation a sweep may send. */
    public static Set<ApiOperation> operations() {
        return operations(List.of(values()));
    }
}
