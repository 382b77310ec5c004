package io.keyledger.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context values as the CDK CLI hands them over: strings from -c, JSON values from cdk.json. */
class DeploymentSettingsTest {

    static final Path ROOT = Path.of("/repo");

    private final Map<String, Object> context = new HashMap<>();

    private DeploymentSettings settings() {
        return DeploymentSettings.fromContext(context::get, ROOT);
    }

    @Test
    void withoutContextTheDefaultsApply() {
        var settings = settings();
        assertThat(settings.lambdaJar()).isEqualTo(ROOT.resolve(LambdaContract.LAMBDA_JAR));
        assertThat(settings.trailBucketName()).isEmpty();
        assertThat(settings.trailLogsPrefix()).isEqualTo("AWSLogs/");
        assertThat(settings.sweepSchedule()).isEqualTo("rate(6 hours)");
        assertThat(settings.memberRoleName()).isEqualTo("KeyLedgerSweepRole");
        assertThat(settings.externalId()).isEmpty();
        assertThat(settings.organizationId()).isEmpty();
        assertThat(settings.accounts()).isEmpty();
        assertThat(settings.regions()).isEmpty();
        assertThat(settings.tenantsJson()).isEqualTo("{}");
        assertThat(settings.adminPrincipalsJson()).isEqualTo("{}");
        assertThat(settings.policy()).isEmpty();
        assertThat(settings.alertEmail()).isEmpty();
        assertThat(settings.paused()).isFalse();
        assertThat(settings.ledgerLockDays()).isEqualTo(2557);
    }

    @Test
    void theLedgerLockComesAsANumberOrAsTextWithinWhatS3Accepts() {
        context.put("ledgerLockDays", 365);
        assertThat(settings().ledgerLockDays()).isEqualTo(365);
        context.put("ledgerLockDays", " 3650 ");
        assertThat(settings().ledgerLockDays()).isEqualTo(3650);
        context.put("ledgerLockDays", "0");
        assertThatThrownBy(this::settings).hasMessage("context ledgerLockDays: expected 1 to 36500, got 0");
        context.put("ledgerLockDays", "7y");
        assertThatThrownBy(this::settings).hasMessage("context ledgerLockDays: expected a whole number, got '7y'");
    }

    @Test
    void pausedComesAsABooleanOrAsText() {
        context.put("paused", true);
        assertThat(settings().paused()).isTrue();
        context.put("paused", "false");
        assertThat(settings().paused()).isFalse();
        context.put("paused", "true");
        assertThat(settings().paused()).isTrue();
        context.put("paused", "yes");
        assertThatThrownBy(this::settings).hasMessage("context paused: expected true or false, got 'yes'");
    }

    @Test
    void theJarPathIsRelativeToTheRepositoryUnlessAbsolute() {
        context.put("lambdaJar", "build/../out/app.jar");
        assertThat(settings().lambdaJar()).isEqualTo(Path.of("/repo/out/app.jar"));
        context.put("lambdaJar", "/opt/keyledger.jar");
        assertThat(settings().lambdaJar()).isEqualTo(Path.of("/opt/keyledger.jar"));
    }

    @Test
    void listsComeAsCommaSeparatedTextOrAsJsonArrays() {
        context.put("accounts", " 111122223333,444455556666 ,111122223333");
        context.put("regions", List.of("eu-west-1", "ap-southeast-2"));
        var settings = settings();
        assertThat(settings.accounts()).containsExactly("111122223333", "444455556666");
        assertThat(settings.accountsList()).isEqualTo("111122223333,444455556666");
        assertThat(settings.regionsList()).isEqualTo("eu-west-1,ap-southeast-2");
    }

    @Test
    void aBadListItemIsNamedByKeyAndPosition() {
        context.put("accounts", "111122223333,12345");
        assertThatThrownBy(this::settings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context accounts[1]: expected a 12-digit account id, got '12345'");
        context.remove("accounts");
        context.put("regions", "eu-west-1,Europe");
        assertThatThrownBy(this::settings).hasMessageContaining("context regions[1]");
    }

    @Test
    void mappingsComeAsJsonObjectsOrAsTheirText() {
        context.put("tenants", Map.of("111122223333", "acme"));
        context.put("adminPrincipals", " {\"arn:aws:iam::*:role/Auditors\": {\"acme\": [\"auditor\"]}} ");
        var settings = settings();
        assertThat(settings.tenantsJson()).isEqualTo("{\"111122223333\":\"acme\"}");
        assertThat(settings.adminPrincipalsJson()).isEqualTo("{\"arn:aws:iam::*:role/Auditors\":{\"acme\":[\"auditor\"]}}");
    }

    @Test
    void aMappingThatIsNotAJsonObjectIsRefused() {
        context.put("tenants", "[\"acme\"]");
        assertThatThrownBy(this::settings).hasMessageStartingWith("context tenants: expected a JSON object");
        context.put("tenants", "{\"111122223333\": ");
        assertThatThrownBy(this::settings).hasMessageStartingWith("context tenants: not JSON");
    }

    @Test
    void singleValuesAreChecked() {
        assertRefused("trailBucketName", "My_Bucket", "context trailBucketName: expected an S3 bucket name");
        assertRefused("trailKeyArn", "alias/aws/s3", "context trailKeyArn: expected a KMS key ARN");
        assertRefused("sweepSchedule", "every 6 hours", "context sweepSchedule: expected an EventBridge Scheduler expression");
        assertRefused("memberRoleName", "role with spaces", "context memberRoleName: expected an IAM role name");
        assertRefused("externalId", "x", "context externalId: expected 2 to 1224");
        assertRefused("organizationId", "r-1234", "context organizationId: expected an AWS Organizations id");
        assertRefused("alertEmail", "security", "context alertEmail: expected an e-mail address");
        assertRefused("trailPrefix", "/logs", "context trailPrefix: an S3 key prefix does not start with '/'");
        assertRefused("memberRoleName", Map.of("name", "x"), "context memberRoleName: expected a string");
    }

    @Test
    void theTrailPrefixEndsInASlashBeforeAwsLogs() {
        context.put("trailPrefix", "org-trail");
        assertThat(settings().trailLogsPrefix()).isEqualTo("org-trail/AWSLogs/");
        context.put("trailPrefix", "a/b/");
        assertThat(settings().trailLogsPrefix()).isEqualTo("a/b/AWSLogs/");
    }

    @Test
    void thePolicyComesInlineOrFromAFileButNotBoth(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("policy.yaml"), "rules: {}\n");
        context.put("policyFile", "policy.yaml");
        assertThat(DeploymentSettings.fromContext(context::get, repo).policy()).contains("rules: {}\n");
        context.put("policy", "rules: {}");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get, repo))
                .hasMessage("context: give either policy or policyFile, not both");
        context.remove("policy");
        context.put("policyFile", "missing.yaml");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get, repo))
                .hasMessageStartingWith("context policyFile: cannot read");
    }

    @Test
    void configuredValuesMustFitInLambdasFourKilobytesOfEnvironment() {
        context.put("policy", "x".repeat(DeploymentSettings.CONFIGURED_ENVIRONMENT_BUDGET - 4));
        assertThat(settings().policy()).isPresent();
        context.put("tenants", "{\"111122223333\":\"acme\"}");
        assertThatThrownBy(this::settings).hasMessageContaining("more than the 3000 that fit")
                .hasMessageContaining("tenants").hasMessageContaining("policy");
    }

    @Test
    void emptyValuesCountAsAbsent() {
        context.put("externalId", "  ");
        context.put("trailBucketName", "");
        context.put("accounts", "");
        var settings = settings();
        assertThat(settings.externalId()).isEmpty();
        assertThat(settings.trailBucketName()).isEmpty();
        assertThat(settings.accounts()).isEmpty();
    }

    private void assertRefused(String key, Object value, String message) {
        context.clear();
        context.put(key, value);
        assertThatThrownBy(this::settings).as(key).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
        context.clear();
    }
}
