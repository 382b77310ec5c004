package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.sweep.AwsEndpoints;
import io.keyledger.aws.sweep.AwsSweepConfig;
import io.keyledger.core.tenant.TenantMapping;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void readsEveryVariable() {
        LambdaSettings s = LambdaSettings.fromEnvironment(env(
                "KEYLEDGER_TABLE_NAME", "keyledger-inventory",
                "KEYLEDGER_SWEEP_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/111122223333/keyledger-sweep",
                "KEYLEDGER_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:111122223333:keyledger-alerts",
                "KEYLEDGER_MEMBER_ROLE_NAME", "KeyLedgerMember",
                "KEYLEDGER_EXTERNAL_ID", "kl-7f3a9c",
                "KEYLEDGER_OWN_ACCOUNT", "999988887777",
                "KEYLEDGER_ACCOUNTS", "111122223333, 444455556666",
                "KEYLEDGER_REGIONS", "[\"eu-west-1\", \"us-east-1\"]",
                "KEYLEDGER_TENANTS", "{\"accounts\": {\"AWS:111122223333\": \"acme\"}, \"default\": \"shared\"}",
                "KEYLEDGER_ADMIN_PRINCIPALS", "{\"arn:aws:iam::111122223333:role/Admin\": {\"acme\": [\"admin\"]}}",
                "KEYLEDGER_POLICY", "{\"rules\": {\"burst\": {\"count\": 3, \"window\": \"PT5M\"}}}"));

        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.requireTableName()).isEqualTo("keyledger-inventory");
        assertThat(s.requireSweepQueueUrl()).endsWith("/keyledger-sweep");
        assertThat(s.alertTopicArn()).contains("arn:aws:sns:eu-west-1:111122223333:keyledger-alerts");
        assertThat(s.requireMemberRoleName()).isEqualTo("KeyLedgerMember");
        assertThat(s.externalId()).contains("kl-7f3a9c");
        assertThat(s.ownAccount()).contains("999988887777");
        assertThat(s.requireAccounts()).containsExactly("111122223333", "444455556666");
        assertThat(s.requireRegions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(s.tenants()).isEqualTo(new TenantMapping(Map.of("aws:111122223333", "acme"), "shared"));
        assertThat(s.requireAdminPrincipals()).startsWith("{\"arn:aws:iam::111122223333:role/Admin\"");
        assertThat(s.policy().anomalies().defaults().burst().count()).isEqualTo(3);
        assertThat(s.policy().anomalies().defaults().burst().window()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void onlyTheRegionIsRequiredAndBlankMeansUnset() {
        LambdaSettings s = LambdaSettings.fromEnvironment(env("KEYLEDGER_TABLE_NAME", "  ", "KEYLEDGER_ACCOUNTS", ""));

        assertThat(s.tableName()).isEmpty();
        assertThat(s.accounts()).isEmpty();
        assertThat(s.tenants()).isEqualTo(TenantMapping.defaultOnly());
        assertThat(s.policy()).isSameAs(io.keyledger.core.assembly.TenantPolicies.DEFAULT);
        assertThat(s.alertTopicArn()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("AWS_REGION is not set");
    }

    @Test
    void whatAFunctionNeedsButIsUnsetIsNamedWhenItAsks() {
        LambdaSettings s = LambdaSettings.fromEnvironment(env());

        assertThatThrownBy(s::requireTableName).hasMessage("KEYLEDGER_TABLE_NAME is not set");
        assertThatThrownBy(s::requireSweepQueueUrl).hasMessage("KEYLEDGER_SWEEP_QUEUE_URL is not set");
        assertThatThrownBy(s::requireAccounts).hasMessageStartingWith("KEYLEDGER_ACCOUNTS is not set");
        assertThatThrownBy(s::requireRegions).hasMessageStartingWith("KEYLEDGER_REGIONS is not set");
        assertThatThrownBy(s::requireAdminPrincipals).hasMessage("KEYLEDGER_ADMIN_PRINCIPALS is not set");
    }

    @Test
    void malformedValuesAreErrorsNamingTheVariable() {
        List<Map.Entry<Map<String, String>, String>> cases = List.of(
                Map.entry(env("AWS_REGION", "Europe"), "AWS_REGION: expected a region name"),
                Map.entry(env("KEYLEDGER_ALERT_TOPIC_ARN", "keyledger-alerts"), "KEYLEDGER_ALERT_TOPIC_ARN: expected an SNS topic ARN"),
                Map.entry(env("KEYLEDGER_SWEEP_QUEUE_URL", "keyledger-sweep"), "KEYLEDGER_SWEEP_QUEUE_URL: expected an SQS queue URL"),
                Map.entry(env("KEYLEDGER_MEMBER_ROLE_NAME", "arn:aws:iam::111122223333:role/X"), "KEYLEDGER_MEMBER_ROLE_NAME: expected an IAM role name"),
                Map.entry(env("KEYLEDGER_ACCOUNTS", "111122223333,12345"), "KEYLEDGER_ACCOUNTS: item 2 '12345' is not a 12-digit AWS account id"),
                Map.entry(env("KEYLEDGER_REGIONS", "[\"eu-west-1\", 3]"), "KEYLEDGER_REGIONS: expected a JSON array of strings"),
                Map.entry(env("KEYLEDGER_TENANTS", "{\"accounts\": {\"111122223333\": \"acme\"}}"),
                        "KEYLEDGER_TENANTS: field 'accounts.111122223333': expected <provider>:<account>"),
                Map.entry(env("KEYLEDGER_TENANTS", "{\"accounts\": {\"aws:111122223333\": \"a c m e\"}}"),
                        "KEYLEDGER_TENANTS: field 'accounts.aws:111122223333': invalid tenant id"),
                Map.entry(env("KEYLEDGER_TENANTS", "{accounts"), "KEYLEDGER_TENANTS: not valid JSON"),
                Map.entry(env("KEYLEDGER_POLICY", "{\"rules\": {\"burst\": {\"count\": 0}}}"), "KEYLEDGER_POLICY: rules.burst.count"));
        for (Map.Entry<Map<String, String>, String> c : cases) {
            assertThatThrownBy(() -> LambdaSettings.fromEnvironment(c.getKey())).as(c.getValue())
                    .isInstanceOf(SettingsException.class).hasMessageStartingWith(c.getValue());
        }
    }

    @Test
    void theSweepConfigurationIsReadFromTheSameVariables() {
        LambdaSettings s = LambdaSettings.fromEnvironment(env(
                "KEYLEDGER_MEMBER_ROLE_NAME", "KeyLedgerMember",
                "KEYLEDGER_EXTERNAL_ID", "kl-7f3a9c",
                "KEYLEDGER_OWN_ACCOUNT", "999988887777",
                "KEYLEDGER_ACCOUNTS", "[\"111122223333\"]",
                "KEYLEDGER_REGIONS", "eu-west-1,us-east-1"));

        AwsSweepConfig config = s.sweepConfig(AwsEndpoints.DEFAULT);

        assertThat(config.homeRegion()).isEqualTo("eu-west-1");
        assertThat(config.memberRoleArn("111122223333")).isEqualTo("arn:aws:iam::111122223333:role/KeyLedgerMember");
        assertThat(config.externalId()).contains("kl-7f3a9c");
        assertThat(config.ownAccount()).contains("999988887777");
        assertThat(config.accounts()).containsExactly("111122223333");
        assertThat(config.regions()).containsExactly("eu-west-1", "us-east-1");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env()).sweepConfig(AwsEndpoints.DEFAULT))
                .isInstanceOf(SettingsException.class).hasMessage("KEYLEDGER_MEMBER_ROLE_NAME is not set");
    }

    @Test
    void everyVariableReadIsPublished() {
        assertThat(LambdaSettings.VARIABLES).containsExactlyInAnyOrder("AWS_REGION", "KEYLEDGER_TABLE_NAME",
                "KEYLEDGER_SWEEP_QUEUE_URL", "KEYLEDGER_ALERT_TOPIC_ARN", "KEYLEDGER_MEMBER_ROLE_NAME",
                "KEYLEDGER_EXTERNAL_ID", "KEYLEDGER_OWN_ACCOUNT", "KEYLEDGER_ACCOUNTS", "KEYLEDGER_REGIONS",
                "KEYLEDGER_TENANTS", "KEYLEDGER_ADMIN_PRINCIPALS", "KEYLEDGER_POLICY");
        // A variable outside the set is not read: the settings do not change with it.
        assertThat(LambdaSettings.fromEnvironment(env("KEYLEDGER_TABLE", "t1")))
                .isEqualTo(LambdaSettings.fromEnvironment(env()));
    }

    @Test
    void theDeploymentsShortFormOfTheTenantMappingIsReadToo() {
        LambdaSettings s = LambdaSettings.fromEnvironment(env("KEYLEDGER_TENANTS",
                "{\"111122223333\": \"acme\", \"gcp:my-project\": \"beta\", \"default\": \"shared\"}"));

        assertThat(s.tenants()).isEqualTo(new TenantMapping(
                Map.of("aws:111122223333", "acme", "gcp:my-project", "beta"), "shared"));
    }

    @Test
    void aTenantMappingWithAnUnknownFieldIsAnErrorNotEverythingToTheDefaultTenant() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env("KEYLEDGER_TENANTS",
                "{\"accounts\": {\"aws:111122223333\": \"acme\"}, \"defualt\": \"shared\"}")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("KEYLEDGER_TENANTS: field 'defualt': unknown (expected 'accounts', 'default' and 'limits')");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env("KEYLEDGER_TENANTS", "{\"acounts\": {}}")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("KEYLEDGER_TENANTS: field 'acounts': expected <provider>:<account>");
    }

    @Test
    void theExternalIdIsNeverShown() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env("KEYLEDGER_EXTERNAL_ID", "secret value!")))
                .isInstanceOf(SettingsException.class).hasMessageNotContaining("secret")
                .hasMessageStartingWith("KEYLEDGER_EXTERNAL_ID:");
        LambdaSettings s = LambdaSettings.fromEnvironment(env("KEYLEDGER_EXTERNAL_ID", "kl-7f3a9c"));
        assertThat(s.toString()).doesNotContain("kl-7f3a9c").contains("externalId=(set)");
    }
}
