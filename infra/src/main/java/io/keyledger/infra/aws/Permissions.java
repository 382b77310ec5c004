package io.keyledger.infra.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements KeyLedger's functions and member role are built from, so that each action
 * list is written once and the tests can hold the templates against it. Resources are named
 * wherever the action supports resource-level permissions; the few {@code *} resources are the
 * list actions that support none (see docs/aws/DEPLOY.md, "Permissions").
 */
final class Permissions {

    /** KMS read-only inventory calls: what a sweep needs in an account, and nothing else. */
    static final List<String> KMS_INVENTORY_ACTIONS = List.of("kms:ListKeys", "kms:ListAliases",
            "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListKeyRotations", "kms:ListResourceTags");

    /** No resource-level permission: the resource must be "*". */
    static final List<String> KMS_LIST_ACTIONS = List.of("kms:ListKeys", "kms:ListAliases");

    /** Key-level reads, limited to the keys of the account the role belongs to. */
    static final List<String> KMS_KEY_READ_ACTIONS = List.of("kms:DescribeKey", "kms:GetKeyRotationStatus",
            "kms:ListKeyRotations", "kms:ListResourceTags");

    /** Item reads and writes on the table; no Scan, no table administration, no transactions. */
    static final List<String> TABLE_ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");

    /** Reads through the secondary indexes. */
    static final List<String> TABLE_INDEX_ACTIONS = List.of("dynamodb:Query");

    /** The region listing the sweeps use; no resource-level permission. */
    static final String LIST_REGIONS = "account:ListRegions";

    /** The account listing of AWS Organizations; no resource-level permission. */
    static final String LIST_ACCOUNTS = "organizations:ListAccounts";

    private Permissions() {
    }

    static List<PolicyStatement> tableReadWrite(ITable table) {
        return List.of(
                statement("TableItems", TABLE_ITEM_ACTIONS, List.of(table.getTableArn())),
                statement("TableIndexes", TABLE_INDEX_ACTIONS, List.of(table.getTableArn() + "/index/*")));
    }

    /** KMS inventory reads in the account the statement's role belongs to. */
    static List<PolicyStatement> kmsInventory() {
        return List.of(
                statement("KmsList", KMS_LIST_ACTIONS, List.of("*")),
                statement("KmsKeyRead", KMS_KEY_READ_ACTIONS, List.of(accountKeys())));
    }

    /** The keys of this account, in every region. */
    static String accountKeys() {
        return "arn:" + Aws.PARTITION + ":kms:*:" + Aws.ACCOUNT_ID + ":key/*";
    }

    /** The member role in every account: {@code arn:<partition>:iam::*:role/<name>}. */
    static String memberRoles(String memberRoleName) {
        return "arn:" + Aws.PARTITION + ":iam::*:role/" + memberRoleName;
    }

    static PolicyStatement assumeMemberRole(String memberRoleName, Optional<String> organizationId) {
        var builder = PolicyStatement.Builder.create()
                .sid("AssumeMemberRole")
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of(memberRoles(memberRoleName)));
        organizationId.ifPresent(org -> builder.conditions(
                Map.of("StringEquals", Map.of("aws:ResourceOrgID", org))));
        return builder.build();
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
