package io.keyledger.infra.aws;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.CfnAlias;
import software.amazon.awscdk.services.kms.CfnKey;
import software.constructs.Construct;

/**
 * The customer managed key of the alert topic. SNS encrypts only with KMS, and CloudWatch alarms
 * cannot publish to a topic under the AWS managed key (its policy cannot admit CloudWatch), so
 * the topic needs a key of its own ($1 a month).
 *
 * <p>Its policy is written out rather than CDK's default ({@code kms:*} for the account): the
 * account administers the key with named actions, principals of the account may use it only
 * through SNS, and CloudWatch only for this stack's alarms.
 */
final class AlertKey extends Construct {

    /** What the account's administrators may do with the key: everything but use it. */
    static final List<String> ADMINISTRATION_ACTIONS = List.of(
            "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy",
            "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:DisableKeyRotation",
            "kms:RotateKeyOnDemand", "kms:ListKeyRotations",
            "kms:EnableKey", "kms:DisableKey", "kms:UpdateKeyDescription",
            "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
            "kms:ListGrants", "kms:RevokeGrant",
            "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");

    /** What SNS needs to encrypt a message for the topic and to deliver it. */
    static final List<String> ENVELOPE_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

    private final CfnKey key;

    AlertKey(Construct scope, String id) {
        super(scope, id);
        var policy = PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create()
                        .sid("KeyAdministration")
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(ADMINISTRATION_ACTIONS)
                        .resources(List.of("*"))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("UseThroughSns")
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(ENVELOPE_ACTIONS)
                        .resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of(
                                "kms:ViaService", Permissions.snsEndpoint(),
                                "kms:CallerAccount", Aws.ACCOUNT_ID)))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("CloudWatchAlarms")
                        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                        .actions(ENVELOPE_ACTIONS)
                        .resources(List.of("*"))
                        .conditions(fromStackAlarms())
                        .build()))
                .build();
        this.key = CfnKey.Builder.create(this, "Key")
                .description("KeyLedger alert topic")
                .keyPolicy(policy)
                .enableKeyRotation(true)
                .pendingWindowInDays(7)
                .build();
        key.applyRemovalPolicy(RemovalPolicy.DESTROY);
        CfnAlias.Builder.create(this, "Alias")
                .aliasName("alias/" + Aws.STACK_NAME + "/alerts")
                .targetKeyId(key.getRef())
                .build();
    }

    CfnKey key() {
        return key;
    }

    /** The condition that admits CloudWatch only on behalf of this stack's alarms. */
    static Map<String, Object> fromStackAlarms() {
        return Map.of(
                "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":"
                        + Aws.ACCOUNT_ID + ":alarm:" + alarmName("*")));
    }

    /** Alarm names start with the stack's name: the key admits CloudWatch for those alarms only. */
    static String alarmName(String suffix) {
        return Aws.STACK_NAME + "-" + suffix;
    }
}
