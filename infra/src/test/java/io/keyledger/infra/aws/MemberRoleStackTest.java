package io.keyledger.infra.aws;

import static io.keyledger.infra.aws.Cfn.map;
import static io.keyledger.infra.aws.Cfn.properties;
import static io.keyledger.infra.aws.Cfn.render;
import static io.keyledger.infra.aws.Cfn.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Caller;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The role deployed to every member account: one synthesis for the class. */
class MemberRoleStackTest {

    static MemberRoleStack stack;
    static Map<String, Object> json;
    static Map<String, Object> role;

    @BeforeAll
    static void synthesise() {
        App app = App.Builder.create().context(Cfn.cdkJsonContext()).build();
        stack = new MemberRoleStack(app, "KeyLedgerMemberRole", StackProps.builder().build());
        json = Template.fromStack(stack).toJSON();
        var roles = resources(json, "AWS::IAM::Role");
        assertThat(roles).hasSize(1);
        role = properties(roles.values().iterator().next());
    }

    @Test
    void theCentralAccountRoleNameAndExternalIdAreParameters() {
        Map<String, Object> parameters = map(json.get("Parameters"));
        assertThat(parameters).containsOnlyKeys(MemberRoleStack.CENTRAL_ACCOUNT_ID, MemberRoleStack.ROLE_NAME,
                MemberRoleStack.EXTERNAL_ID);
        assertThat(map(parameters.get(MemberRoleStack.CENTRAL_ACCOUNT_ID))).containsEntry("AllowedPattern", "\\d{12}")
                .doesNotContainKey("Default");
        assertThat(map(parameters.get(MemberRoleStack.ROLE_NAME))).containsEntry("Default", "KeyLedgerSweepRole");
        assertThat(map(parameters.get(MemberRoleStack.EXTERNAL_ID))).containsEntry("Default", "");
    }

    @Test
    void theRoleIsNamedByItsParameterAndLendsOneHourSessions() {
        assertThat(render(role.get("RoleName"))).isEqualTo("${RoleName}");
        assertThat(Cfn.number(role.get("MaxSessionDuration"))).isEqualTo(3600);
    }

    @Test
    void onlyTheCentralAccountsSweepRolesMayAssumeIt() {
        var trust = Cfn.statements(json).stream().filter(s -> s.property().equals("AssumeRolePolicyDocument")).toList();
        assertThat(trust).singleElement().satisfies(s -> {
            assertThat(s.allows()).isTrue();
            assertThat(s.actions()).containsExactly("sts:AssumeRole");
            assertThat(render(map(s.body().get("Principal")).get("AWS")))
                    .isEqualTo("arn:${AWS::Partition}:iam::${CentralAccountId}:root");
            assertThat(Cfn.strings(map(s.condition().get("ArnEquals")).get("aws:PrincipalArn"))).containsExactlyInAnyOrder(
                    "arn:${AWS::Partition}:iam::${CentralAccountId}:role/" + KeyLedgerStack.FAN_OUT_ROLE_NAME,
                    "arn:${AWS::Partition}:iam::${CentralAccountId}:role/" + KeyLedgerStack.WORKER_ROLE_NAME);
            // sts:ExternalId is required exactly when the ExternalId parameter is not empty
            assertThat(s.condition().get("StringEquals")).isEqualTo(Map.of("Fn::If", List.of("HasExternalId",
                    Map.of("sts:ExternalId", Map.of("Ref", "ExternalId")), Map.of("Ref", "AWS::NoValue"))));
        });
        assertThat(map(map(json.get("Conditions")).get("HasExternalId")))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ExternalId"), "")))));
    }

    @Test
    void itHoldsExactlyWhatTheSweepDeclaresItSendsWithAnAccountsCredentialsAndNothingElse() {
        var permissions = Cfn.statements(json).stream().filter(Cfn.Statement::isIdentityPolicy).toList();
        assertThat(permissions).allSatisfy(s -> assertThat(s.allows()).isTrue());
        var inTheAccount = Arrays.stream(AwsSweepOperation.values()).filter(o -> o.caller() == Caller.SWEPT_ACCOUNT).toList();
        assertThat(permissions.stream().flatMap(s -> s.actions().stream()))
                .containsExactlyInAnyOrderElementsOf(SweepGrants.actions(inTheAccount))
                // the key source's reads, and the account's Regions for the scope discovery
                .containsAll(SweepGrants.actionsFor(AwsSweepOperation.Purpose.READ_KEYS))
                .contains("account:ListRegions");
        SweepGrants.assertResourcesFollowTheDeclaration(permissions, "${RoleName}");
        assertThat(permissions).filteredOn(s -> s.actions().contains("kms:DescribeKey")).singleElement()
                .satisfies(s -> assertThat(s.resources()).containsExactly(SweepGrants.ACCOUNT_KEYS));
        // a key's last use, grants and policy are read on the account's keys; its key stores take no resource
        assertThat(permissions).filteredOn(s -> s.resources().equals(java.util.List.of(SweepGrants.ACCOUNT_KEYS)))
                .flatExtracting(Cfn.Statement::actions)
                .contains("kms:GetKeyLastUsage", "kms:ListGrants", "kms:GetKeyPolicy")
                .doesNotContain("kms:DescribeCustomKeyStores");
        assertThat(permissions).filteredOn(s -> s.resources().equals(java.util.List.of("*")))
                .flatExtracting(Cfn.Statement::actions).contains("kms:DescribeCustomKeyStores");
    }

    @Test
    void theTemplateDeploysWithoutCdkBootstrapAsAStackSet() {
        assertThat(json).doesNotContainKey("Rules");
        assertThat(map(json.get("Parameters"))).doesNotContainKey("BootstrapVersion");
        assertThat(map(json.get("Resources"))).hasSize(1);
        Annotations.fromStack(stack).hasNoWarning("*", Match.anyValue());
    }
}
