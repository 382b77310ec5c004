package io.keyledger.infra.aws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.ledger.AwsLedgerOperation;
import io.keyledger.aws.ledger.AwsLedgerOperation.Target;
import io.keyledger.aws.kms.AwsSweepOperation.Caller;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.core.sweep.ApiOperation;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements KeyLedger's functions and member role are built from, so that each action
 * list is written once and the tests can hold the templates against it. The sweep's grants are not
 * written here at all: they are derived from the operations the sweep declares
 * ({@link AwsSweepOperation}), so that a call the code sends is never one the deployment denies.
 * Resources are named wherever the action supports resource-level permissions; the few {@code *}
 * resources are the list actions that support none (see docs/aws/DEPLOY.md, "Permissions").
 */
final class Permissions {

    /** Item reads and writes on the table; no Scan, no table administration, no transactions. */
    static final List<String> TABLE_ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");

    /** Reads through the secondary indexes. */
    static final List<String> TABLE_INDEX_ACTIONS = List.of("dynamodb:Query");

    /** Who is granted the sweep's declared operations. */
    enum SweepRole {
        /** {@code sweepFanOut}: finds the scopes, in the central account and through the member roles. */
        FAN_OUT,
        /** {@code sweepWorker}: reads one scope's keys through the member role (its own account's directly). */
        WORKER,
        /** The member role, in every swept account: what is sent with the swept account's credentials. */
        MEMBER_ROLE
    }

    /** Where a grant's resources are: the names the ARNs are built of. */
    record Names(String partition, String account, String memberRoleName) {

        /** The names of a stack's template: CloudFormation's pseudo parameters. */
        static Names of(String memberRoleName) {
            return new Names(Aws.PARTITION, Aws.ACCOUNT_ID, memberRoleName);
        }
    }

    /** One statement of the sweep's grants: the IAM actions of declared operations on one resource. */
    record SweepGrant(String sid, List<AwsSweepOperation> operations, String resource) {

        List<String> actions() {
            return operations.stream().map(o -> o.operation().permission()).toList();
        }
    }

    /** Who is granted the ledger's declared operations ({@link AwsLedgerOperation}). */
    enum LedgerRole {
        /** The functions that write the table: they verify and read the archive, and ask for checkpoints. */
        WRITER(List.of(AwsLedgerOperation.Purpose.VERIFY, AwsLedgerOperation.Purpose.READ_ARCHIVE,
                AwsLedgerOperation.Purpose.REQUEST_CHECKPOINTS)),
        /** {@code signCheckpoints}: signs each tenant's ledger head and anchors it in the bucket. */
        SIGNER(List.of(AwsLedgerOperation.Purpose.SIGN, AwsLedgerOperation.Purpose.VERIFY,
                AwsLedgerOperation.Purpose.ANCHOR, AwsLedgerOperation.Purpose.READ_ARCHIVE)),
        /** {@code maintainLedger}: archives and purges, signing what it attests. */
        MAINTAINER(List.of(AwsLedgerOperation.Purpose.SIGN, AwsLedgerOperation.Purpose.VERIFY,
                AwsLedgerOperation.Purpose.ANCHOR, AwsLedgerOperation.Purpose.READ_ARCHIVE,
                AwsLedgerOperation.Purpose.ARCHIVE));

        private final List<AwsLedgerOperation.Purpose> purposes;

        LedgerRole(List<AwsLedgerOperation.Purpose> purposes) {
            this.purposes = purposes;
        }

        List<AwsLedgerOperation> operations() {
            return AwsLedgerOperation.of(purposes);
        }
    }

    /** The ledger's resources in a template: its key, its bucket and the checkpoint queue. */
    record LedgerResources(String keyArn, String bucketArn, String queueArn) {

        String arn(Target target) {
            return switch (target) {
                case LEDGER_KEY -> keyArn;
                case CHECKPOINT_PREFIX -> bucketArn;
                case CHECKPOINT_OBJECTS -> bucketArn + "/" + AwsLedgerOperation.CHECKPOINTS_PREFIX + "*";
                case ARCHIVE_OBJECTS -> bucketArn + "/" + AwsLedgerOperation.ARCHIVE_PREFIX + "*";
                case CHECKPOINT_QUEUE -> queueArn;
            };
        }
    }

    /** The prefix of the ledger statements' ids: "Ledger" and the target, e.g. {@code LedgerCheckpointObjects}. */
    static final String LEDGER_SID_PREFIX = "Ledger";

    private Permissions() {
    }

    /**
     * The statements granting {@code role} its ledger operations: one per target, in the table's order,
     * each action once, on the target's ARN. Listing the bucket is limited to the checkpoints' prefix.
     */
    static List<PolicyStatement> ledgerStatements(LedgerRole role, LedgerResources resources) {
        Map<Target, List<String>> byTarget = new LinkedHashMap<>();
        for (AwsLedgerOperation o : role.operations()) {
            List<String> actions = byTarget.computeIfAbsent(o.target(), t -> new ArrayList<>());
            if (!actions.contains(o.operation().permission())) {
                actions.add(o.operation().permission());
            }
        }
        List<PolicyStatement> out = new ArrayList<>();
        byTarget.forEach((target, actions) -> {
            var builder = PolicyStatement.Builder.create().sid(ledgerSid(target)).actions(List.copyOf(actions))
                    .resources(List.of(resources.arn(target)));
            if (target == Target.CHECKPOINT_PREFIX) {
                builder.conditions(Map.of("StringLike",
                        Map.of("s3:prefix", AwsLedgerOperation.CHECKPOINTS_PREFIX + "*")));
            }
            out.add(builder.build());
        });
        return out;
    }

    /** {@code LEDGER_KEY} as {@code LedgerKey}, {@code CHECKPOINT_OBJECTS} as {@code LedgerCheckpointObjects}. */
    static String ledgerSid(Target target) {
        StringBuilder sid = new StringBuilder(LEDGER_SID_PREFIX);
        for (String word : target.name().split("_")) {
            if (!word.equals("LEDGER")) {
                sid.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sid.toString();
    }

    /**
     * The declared operations {@code role} is granted, in the table's order: the worker reads keys, the
     * fan-out finds scopes (listing the organisation only when {@code listsAccounts}), both reach the
     * member accounts, and the member role holds what is sent with an account's own credentials.
     */
    static List<AwsSweepOperation> sweepOperations(SweepRole role, boolean listsAccounts) {
        return Arrays.stream(AwsSweepOperation.values()).filter(o -> switch (role) {
            case WORKER -> o.purpose() == Purpose.READ_KEYS || o.purpose() == Purpose.REACH_ACCOUNTS;
            case FAN_OUT -> (o.purpose() == Purpose.FIND_SCOPES || o.purpose() == Purpose.REACH_ACCOUNTS)
                    && (listsAccounts || o != AwsSweepOperation.LIST_ACCOUNTS);
            case MEMBER_ROLE -> o.caller() == Caller.SWEPT_ACCOUNT;
        }).toList();
    }

    /**
     * The statements granting {@code operations}: one per service and kind of resource, in the table's
     * order. An action without resource-level permission is granted on {@code *}; the others on the
     * resources the sweep reads or assumes.
     *
     * @throws IllegalStateException for a resource-level operation of a service whose resources no
     *                               template names yet: the grant must be decided, not guessed
     */
    static List<SweepGrant> sweepGrants(List<AwsSweepOperation> operations, Names names) {
        Map<String, List<AwsSweepOperation>> bySid = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (AwsSweepOperation o : operations) {
            String sid = sid(o.operation());
            bySid.computeIfAbsent(sid, s -> new ArrayList<>()).add(o);
            resources.put(sid, resource(o.operation(), names));
        }
        List<SweepGrant> out = new ArrayList<>();
        bySid.forEach((sid, ops) -> out.add(new SweepGrant(sid, List.copyOf(ops), resources.get(sid))));
        return out;
    }

    /** The resource an operation is granted on. */
    static String resource(ApiOperation operation, Names names) {
        if (!operation.resourceLevel()) {
            return "*";
        }
        return switch (operation.service()) {
            case "kms" -> accountKeys(names);
            case "sts" -> memberRoles(names);
            default -> throw new IllegalStateException(operation + " (" + operation.permission() + ") takes named "
                    + "resources, but the templates name none of service " + operation.service()
                    + ": decide its resource in Permissions.resource");
        };
    }

    private static String sid(ApiOperation operation) {
        return switch (operation.service()) {
            case "kms" -> operation.resourceLevel() ? "KmsKeyRead" : "KmsList";
            case "sts" -> "AssumeMemberRole";
            default -> operation.name();
        };
    }

    /** The sweep's statements of {@code role} in the central stack, as IAM policy statements. */
    static List<PolicyStatement> sweepStatements(SweepRole role, boolean listsAccounts, String memberRoleName,
            Optional<String> organizationId) {
        return sweepGrants(sweepOperations(role, listsAccounts), Names.of(memberRoleName)).stream()
                .map(g -> {
                    var builder = PolicyStatement.Builder.create().sid(g.sid()).actions(g.actions())
                            .resources(List.of(g.resource()));
                    // Assuming a member role is limited to the organisation's accounts when it is known
                    if (g.operations().contains(AwsSweepOperation.ASSUME_ROLE)) {
                        organizationId.ifPresent(org -> builder.conditions(
                                Map.of("StringEquals", Map.of("aws:ResourceOrgID", org))));
                    }
                    return builder.build();
                }).toList();
    }

    static List<PolicyStatement> tableReadWrite(ITable table) {
        return List.of(
                statement("TableItems", TABLE_ITEM_ACTIONS, List.of(table.getTableArn())),
                statement("TableIndexes", TABLE_INDEX_ACTIONS, List.of(table.getTableArn() + "/index/*")));
    }

    /** The keys of the account, in every region. */
    static String accountKeys(Names names) {
        return "arn:" + names.partition() + ":kms:*:" + names.account() + ":key/*";
    }

    /** The member role in every account: {@code arn:<partition>:iam::*:role/<name>}. */
    static String memberRoles(Names names) {
        return "arn:" + names.partition() + ":iam::*:role/" + names.memberRoleName();
    }

    /** Publishing to an SNS topic encrypted with a customer managed key. */
    static List<PolicyStatement> publishAlerts(String topicArn, String keyArn) {
        return List.of(
                statement("PublishAlerts", List.of("sns:Publish"), List.of(topicArn)),
                PolicyStatement.Builder.create()
                        .sid("AlertTopicKey")
                        .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                        .resources(List.of(keyArn))
                        .conditions(Map.of("StringEquals", Map.of("kms:ViaService", snsEndpoint())))
                        .build());
    }

    static String snsEndpoint() {
        return "sns." + Aws.REGION + "." + Aws.URL_SUFFIX;
    }

    static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
