package io.keyledger.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.CfnRole;
import software.constructs.Construct;

/**
 * The role KeyLedger's sweeps assume in each member account: what the sweep declares it sends with an
 * account's credentials (KMS read-only inventory calls and the region list), nothing else, for one hour at most, and only from the central account's two sweep
 * roles. Deploy it to every account, for example as a CloudFormation StackSet; the template has
 * no assets and no bootstrap check, so it deploys as it is.
 */
public final class MemberRoleStack extends Stack {

    public static final String CENTRAL_ACCOUNT_ID = "CentralAccountId";
    public static final String ROLE_NAME = "RoleName";
    public static final String EXTERNAL_ID = "ExternalId";
    public static final int MAX_SESSION_SECONDS = 3600;

    public MemberRoleStack(Construct scope, String id, StackProps props) {
        super(scope, id, StackProps.builder()
                .description(props.getDescription())
                .env(props.getEnv())
                .synthesizer(DefaultStackSynthesizer.Builder.create().generateBootstrapVersionRule(false).build())
                .build());
        CfnParameter centralAccount = CfnParameter.Builder.create(this, CENTRAL_ACCOUNT_ID)
                .type("String")
                .allowedPattern("\\d{12}")
                .constraintDescription("a 12-digit AWS account id")
                .description("The account KeyLedger runs in; its sweep roles may assume this role")
                .build();
        CfnParameter roleName = CfnParameter.Builder.create(this, ROLE_NAME)
                .type("String")
                .defaultValue(DeploymentSettings.DEFAULT_MEMBER_ROLE_NAME)
                .allowedPattern("[\\w+=,.@-]{1,64}")
                .description("The role's name; the same as the central stack's context value "
                        + DeploymentSettings.MEMBER_ROLE_NAME)
                .build();
        CfnParameter externalId = CfnParameter.Builder.create(this, EXTERNAL_ID)
                .type("String")
                .defaultValue("")
                .allowedPattern("|[\\w+=,.@:/-]{2,1224}")
                .description("If not empty, the external id the sweeps must present (context value "
                        + DeploymentSettings.EXTERNAL_ID + ")")
                .build();
        CfnCondition hasExternalId = CfnCondition.Builder.create(this, "HasExternalId")
                .expression(Fn.conditionNot(Fn.conditionEquals(externalId.getValueAsString(), "")))
                .build();

        // Trust the account, on condition that the caller is one of the two sweep roles: unlike role
        // ARNs as principals, this survives the central roles being recreated, and does not need
        // them to exist before this stack.
        var sweepRoles = List.of(centralRole(centralAccount, KeyLedgerStack.FAN_OUT_ROLE_NAME),
                centralRole(centralAccount, KeyLedgerStack.WORKER_ROLE_NAME));
        var conditions = new LinkedHashMap<String, Object>();
        conditions.put("ArnEquals", Map.of("aws:PrincipalArn", sweepRoles));
        conditions.put("StringEquals", Fn.conditionIf(hasExternalId.getLogicalId(),
                Map.of("sts:ExternalId", externalId.getValueAsString()), Aws.NO_VALUE));
        var trust = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("AWS", "arn:" + Aws.PARTITION + ":iam::" + centralAccount.getValueAsString() + ":root"),
                "Action", "sts:AssumeRole",
                "Condition", conditions)));

        // What the sweep declares it sends with an account's own credentials: the key source's KMS reads,
        // and the account's enabled regions (opt-in regions differ between accounts)
        var statements = new ArrayList<Map<String, Object>>();
        Permissions.sweepGrants(Permissions.sweepOperations(Permissions.SweepRole.MEMBER_ROLE, false),
                        Permissions.Names.of(roleName.getValueAsString()))
                .forEach(g -> statements.add(statement(g.sid(), g.actions(), g.resource())));
        CfnRole role = CfnRole.Builder.create(this, "SweepRole")
                .roleName(roleName.getValueAsString())
                .description("KeyLedger sweeps: read-only inventory of this account's KMS keys")
                .maxSessionDuration(MAX_SESSION_SECONDS)
                .assumeRolePolicyDocument(trust)
                .policies(List.of(CfnRole.PolicyProperty.builder()
                        .policyName("KeyLedgerKmsInventory")
                        .policyDocument(Map.of("Version", "2012-10-17", "Statement", statements))
                        .build()))
                .build();
        CfnOutput.Builder.create(this, "RoleArn").value(role.getAttrArn())
                .description("the role KeyLedger's sweeps assume in this account").build();
    }

    private static String centralRole(CfnParameter centralAccount, String name) {
        return "arn:" + Aws.PARTITION + ":iam::" + centralAccount.getValueAsString() + ":role/" + name;
    }

    private static Map<String, Object> statement(String sid, List<String> actions, String resource) {
        return Map.of("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resource);
    }
}
