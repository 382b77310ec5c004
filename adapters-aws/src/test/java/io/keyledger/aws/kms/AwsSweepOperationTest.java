package io.keyledger.aws.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.kms.AwsSweepOperation.Caller;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** The one table of what an AWS sweep sends: what the deployments grant and the clients let through. */
class AwsSweepOperationTest {

    @Test
    void eachRowIsAnAwsOperationWhoseIamActionIsItsServiceAndName() {
        assertThat(AwsSweepOperation.values()).allSatisfy(row -> {
            ApiOperation op = row.operation();
            assertThat(op.provider()).isEqualTo(Provider.AWS);
            assertThat(op.permission()).isEqualTo(op.service() + ":" + op.name());
            assertThat(AwsSweepOperation.find(op.service(), op.name())).contains(row);
        });
        assertThat(AwsSweepOperation.operations()).hasSize(AwsSweepOperation.values().length);
    }

    @Test
    void theKeySourceReadsKmsOnlyAndPacesEachReadWithinItsDocumentedQuota() {
        Map<String, Double> quotas = AwsSweepOperation.of(Purpose.READ_KEYS).stream()
                .collect(Collectors.toMap(AwsSweepOperation::operationName, r -> r.documentedPerSecond().orElseThrow()));
        assertThat(quotas).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ListKeys", PacingPolicy.AWS_LIST_KEYS_PER_SECOND,
                "ListAliases", PacingPolicy.AWS_LIST_KEYS_PER_SECOND,
                "DescribeKey", PacingPolicy.AWS_DESCRIBE_KEY_PER_SECOND,
                "GetKeyRotationStatus", PacingPolicy.AWS_GET_KEY_ROTATION_STATUS_PER_SECOND,
                "ListKeyRotations", PacingPolicy.AWS_LIST_KEY_ROTATIONS_PER_SECOND,
                "ListResourceTags", PacingPolicy.AWS_LIST_RESOURCE_TAGS_PER_SECOND,
                "GetKeyLastUsage", PacingPolicy.AWS_GET_KEY_LAST_USAGE_PER_SECOND,
                "ListGrants", PacingPolicy.AWS_LIST_GRANTS_PER_SECOND,
                "GetKeyPolicy", PacingPolicy.AWS_GET_KEY_POLICY_PER_SECOND,
                "DescribeCustomKeyStores", PacingPolicy.AWS_DESCRIBE_CUSTOM_KEY_STORES_PER_SECOND));
        // The documented quotas (AWS KMS Developer Guide, "Request quotas").
        assertThat(PacingPolicy.AWS_GET_KEY_LAST_USAGE_PER_SECOND).isEqualTo(5);
        assertThat(PacingPolicy.AWS_LIST_GRANTS_PER_SECOND).isEqualTo(100);
        assertThat(PacingPolicy.AWS_GET_KEY_POLICY_PER_SECOND).isEqualTo(1000);
        assertThat(PacingPolicy.AWS_DESCRIBE_CUSTOM_KEY_STORES_PER_SECOND).isEqualTo(5);
        // IAM scopes every new read to the key but the listing of key stores, which takes no resource.
        assertThat(AwsSweepOperation.GET_KEY_LAST_USAGE.operation().resourceLevel()).isTrue();
        assertThat(AwsSweepOperation.LIST_GRANTS.operation().resourceLevel()).isTrue();
        assertThat(AwsSweepOperation.GET_KEY_POLICY.operation().resourceLevel()).isTrue();
        assertThat(AwsSweepOperation.DESCRIBE_CUSTOM_KEY_STORES.operation().resourceLevel()).isFalse();
        assertThat(AwsSweepOperation.of(Purpose.READ_KEYS))
                .allSatisfy(r -> assertThat(r.operation().service()).isEqualTo("kms"))
                .allSatisfy(r -> assertThat(r.caller()).isEqualTo(Caller.SWEPT_ACCOUNT));
        assertThat(Arrays.stream(AwsSweepOperation.values()).filter(r -> r.purpose() != Purpose.READ_KEYS))
                .allSatisfy(r -> assertThat(r.documentedPerSecond()).isEqualTo(OptionalDouble.empty()))
                .allSatisfy(r -> assertThat(r.operation().service()).isNotEqualTo("kms"));
    }

    @Test
    void theKeySourceDeclaresItsReadsAndPacingKeepsTheDeclaration() {
        KmsClient kms = KmsClients.client("eu-west-1", credentials(), UrlConnectionHttpClient.create(),
                Optional.of(URI.create("http://127.0.0.1:9")));
        SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "eu-west-1");
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
        Sleeper sleeper = wait -> { };

        var source = KmsKeySource.paced(kms, scope, KmsSweepOptions.defaults(), clock, sleeper, new java.util.Random(1));

        assertThat(source.operations()).extracting(ApiOperation::permission).containsExactly("kms:ListKeys",
                "kms:ListAliases", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListKeyRotations",
                "kms:ListResourceTags", "kms:GetKeyLastUsage", "kms:ListGrants", "kms:GetKeyPolicy",
                "kms:DescribeCustomKeyStores");
        kms.close();
    }

    @Test
    void aSweepsKmsClientRefusesAnUndeclaredOperationBeforeSendingIt() {
        // Port 9 (discard) would refuse a connection: the refusal below comes before any is tried.
        try (KmsClient kms = KmsClients.client("eu-west-1", credentials(), UrlConnectionHttpClient.create(),
                Optional.of(URI.create("http://127.0.0.1:9")))) {
            assertThatThrownBy(() -> kms.scheduleKeyDeletion(r -> r.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")))
                    .isInstanceOf(UndeclaredOperationException.class)
                    .hasMessageContaining("kms ScheduleKeyDeletion is not among the operations a sweep declares")
                    .hasMessageContaining("kms:ScheduleKeyDeletion");
            assertThatThrownBy(() -> kms.getPublicKey(r -> r.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")))
                    .isInstanceOf(UndeclaredOperationException.class);
        }
    }

    @Test
    void theTableLoadsWithoutTheAwsSdkAsTheCdkAppReadsIt() throws Exception {
        URL table = AwsSweepOperation.class.getProtectionDomain().getCodeSource().getLocation();
        URL core = ApiOperation.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutSdk = new URLClassLoader(new URL[] {table, core}, ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = Class.forName(AwsSweepOperation.class.getName(), true, withoutSdk);
            assertThat(loaded.getClassLoader()).isSameAs(withoutSdk);
            Object all = loaded.getMethod("operations").invoke(null);
            assertThat((Set<?>) all).hasSize(AwsSweepOperation.values().length);
            assertThatThrownBy(() -> withoutSdk.loadClass(KmsClient.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void theScopeDiscoveryFindsAccountsAndRegionsAndReachesAccountsThroughSts() {
        assertThat(AwsSweepOperation.of(Purpose.FIND_SCOPES)).extracting(r -> r.operation().permission())
                .containsExactly("organizations:ListAccounts", "account:ListRegions");
        assertThat(AwsSweepOperation.of(Purpose.REACH_ACCOUNTS)).extracting(r -> r.operation().permission())
                .containsExactly("sts:AssumeRole");
        assertThat(List.of(AwsSweepOperation.LIST_ACCOUNTS, AwsSweepOperation.ASSUME_ROLE))
                .allSatisfy(r -> assertThat(r.caller()).isEqualTo(Caller.SWEEP));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"));
    }
}
