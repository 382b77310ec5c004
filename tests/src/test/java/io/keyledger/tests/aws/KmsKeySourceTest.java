package io.keyledger.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.kms.KmsClients;
import io.keyledger.aws.kms.KmsKeySource;
import io.keyledger.aws.kms.KmsSweepOptions;
import io.keyledger.aws.kms.UndeclaredOperationException;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.aws.FakeAwsService;
import io.keyledger.testkit.aws.FakeKmsKey;
import io.keyledger.testkit.sweep.AllPages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@link KmsKeySource} against the wire-level KMS fake, through the real SDK client. */
class KmsKeySourceTest {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Instant CREATED = Instant.parse("2026-01-15T09:00:00.123Z");

    private final AwsFakes aws = new AwsFakes(ACCOUNT);
    private final MutableClock clock = MutableClock.at("2026-11-28T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final KmsClient kms = KmsClients.client(REGION, aws.credentials.staticFor(ACCOUNT), aws.http(),
            Optional.of(aws.kms.uri()));
    private final SweepScope scope = new SweepScope(Provider.AWS, ACCOUNT, REGION);

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    private KmsKeySource source(KmsSweepOptions options) {
        return new KmsKeySource(kms, scope, options, clock, sleeper);
    }

    private KmsKeySource source() {
        return source(KmsSweepOptions.defaults());
    }

    static String keyId(int i) {
        return String.format("%08d-1111-2222-3333-444455556666", i);
    }

    static String arn(String region, String keyId) {
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + keyId;
    }

    @Test
    void everyRequestOfTheSourceIsOneItDeclaresAndAnUndeclaredOneNeverReachesKms() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).tag("Owner", "orders");
        aws.kms.alias(ACCOUNT, REGION, "alias/orders", Optional.of(keyId(1)));
        KmsKeySource source = source();

        AllPages.of(source);
        source.keyStores();

        Set<String> declared = source.operations().stream().map(ApiOperation::name).collect(Collectors.toSet());
        assertThat(aws.kms.operations()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(source.requests().keySet()).containsExactlyInAnyOrderElementsOf(declared);
        // a call the sweep would add without declaring it is refused before it is sent
        int sent = aws.kms.requests().size();
        assertThatThrownBy(() -> kms.getPublicKey(r -> r.keyId(keyId(1))))
                .isInstanceOf(UndeclaredOperationException.class)
                .hasMessageContaining("kms GetPublicKey is not among the operations a sweep declares");
        assertThat(aws.kms.requests()).hasSize(sent);
    }

    @Test
    void aKeysLastUseGrantsAndPolicyTellItsUsageAndWhoElseMayUseIt() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED)
                .lastUsed("GENERATE_DATA_KEY", Instant.parse("2026-11-27T22:14:05Z"))
                .grant(new FakeKmsKey.Grant("g-1", "arn:aws:iam::" + ACCOUNT
                        + ":role/aws-service-role/bedrock.amazonaws.com/AWSServiceRoleForAmazonBedrock",
                        Optional.empty(), List.of("Decrypt", "GenerateDataKey"), Map.of(), CREATED))
                .grant(new FakeKmsKey.Grant("g-2", "ec2.us-east-1.amazonaws.com", Optional.of("ec2.us-east-1.amazonaws.com"),
                        List.of("Decrypt"), Map.of("aws:ebs:id", "vol-0123456789abcdef0"), CREATED))
                .policy("""
                        {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
                          "Action":"kms:*","Resource":"*"},
                         {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/Partner"},
                          "Action":"kms:Decrypt","Resource":"*"}]}""");
        aws.kms.addKey(ACCOUNT, REGION, keyId(2), CREATED).policy("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},
                  "Action":"kms:Decrypt","Resource":"*"}]}""");

        Map<String, ObservedKey> keys = byKeyId(AllPages.of(source()));

        assertThat(keys.get(keyId(1)).attributes())
                .containsEntry("usage.lastUsedAt", "2026-11-27T22:14:05Z")
                .containsEntry("usage.lastOperation", "GenerateDataKey")
                .containsEntry("access.grantees", "arn:aws:iam::" + ACCOUNT
                        + ":role/aws-service-role/bedrock.amazonaws.com/AWSServiceRoleForAmazonBedrock,ec2.us-east-1.amazonaws.com")
                .containsEntry("usage.service", "ec2.amazonaws.com")
                .containsEntry("usage.aiService", "bedrock.amazonaws.com")
                .containsEntry("usage.resource", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/vol-0123456789abcdef0")
                .containsEntry("access.externalPrincipals", "arn:aws:iam::444455556666:role/Partner")
                .containsEntry("policy.lockoutRisk", "false");
        assertThat(keys.get(keyId(2)).attributes()).containsEntry("policy.lockoutRisk", "true")
                .doesNotContainKey("usage.lastUsedAt");
        assertThat(keys.get(keyId(1)).unreadable()).isEmpty();
    }

    @Test
    void aRefusedLastUseGrantsOrPolicyReadLeavesTheKeyPartiallyObservedAndTheSweepGoesOn() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED);
        aws.kms.addKey(ACCOUNT, REGION, keyId(2), CREATED);
        aws.kms.deny("GetKeyPolicy", keyId(1));
        aws.kms.deny("ListGrants", keyId(2));

        Map<String, ObservedKey> keys = byKeyId(AllPages.of(source()));

        assertThat(keys.get(keyId(1)).unreadable()).hasValueSatisfying(why ->
                assertThat(why).startsWith("GetKeyPolicy: AccessDeniedException"));
        assertThat(keys.get(keyId(1)).attributes()).containsKey("access.grantees").doesNotContainKey("policy.lockoutRisk");
        assertThat(keys.get(keyId(2)).unreadable()).hasValueSatisfying(why ->
                assertThat(why).startsWith("ListGrants: AccessDeniedException"));
    }

    @Test
    void withoutUsageAndAccessOnlyTheKeysAttributesAreRead() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).lastUsed("DECRYPT", Instant.parse("2026-11-27T22:14:05Z"));

        KmsKeySource source = source(KmsSweepOptions.defaults().withUsageAndAccess(false));
        ObservedKey key = AllPages.of(source).get(0);

        assertThat(key.attributes()).doesNotContainKeys("usage.lastUsedAt", "access.grantees", "policy.lockoutRisk");
        assertThat(source.requests()).containsEntry("GetKeyLastUsage", 0L).containsEntry("ListGrants", 0L)
                .containsEntry("GetKeyPolicy", 0L);
    }

    @Test
    void theScopesCustomKeyStoresAreListedOnceWithTheirTypeStateAndBacking() {
        aws.kms.addKeyStore(ACCOUNT, REGION, "cks-1234567890abcdef0", "payments-hsm", "AWS_CLOUDHSM", "CONNECTED", CREATED);
        aws.kms.addKeyStore(ACCOUNT, REGION, "cks-abcdef01234567890", "hyok", "EXTERNAL_KEY_STORE", "DISCONNECTED", CREATED);
        aws.kms.addKeyStore(ACCOUNT, "eu-west-1", "cks-0000000000000000e", "elsewhere", "AWS_CLOUDHSM", "CONNECTED", CREATED);

        List<io.keyledger.core.sweep.ObservedKeyStore> stores = source().keyStores();

        assertThat(stores).hasSize(2).allSatisfy(s -> assertThat(s.ref().location()).isEqualTo(REGION));
        assertThat(stores.get(0).kind()).isEqualTo(io.keyledger.core.keystore.KeyStoreKind.AWS_CLOUDHSM);
        assertThat(stores.get(0).backing()).contains("cluster-1a23b4cdefg");
        assertThat(stores.get(1).kind()).isEqualTo(io.keyledger.core.keystore.KeyStoreKind.AWS_EXTERNAL_KEY_STORE);
        assertThat(stores.get(1).state()).contains("DISCONNECTED");
        assertThat(stores.get(1).backing()).contains("https://xks.example.com/kms/xks/v1");
        assertThat(stores.get(1).createdAt()).contains(CREATED);

        aws.kms.denyEverywhere("DescribeCustomKeyStores");
        assertThat(source().keyStores()).isEmpty();
    }

    private static Map<String, ObservedKey> byKeyId(List<ObservedKey> keys) {
        return keys.stream().collect(Collectors.toMap(k -> k.ref().nativeId().substring(k.ref().nativeId()
                .indexOf(":key/") + 5), Function.identity()));
    }

    @Test
    void everyPageIsListedWithItsMarkerAndTheAliasesAreReadOnce() {
        for (int i = 0; i < 23; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        for (int i = 0; i < 12; i++) {
            aws.kms.alias(ACCOUNT, REGION, "alias/app-" + i, Optional.of(keyId(i % 4)));
        }
        aws.kms.alias(ACCOUNT, REGION, "alias/aws/ebs", Optional.empty());

        List<ObservedKey> keys = AllPages.of(source(KmsSweepOptions.defaults().withPageSizes(5, 5, 50)));

        assertThat(keys).extracting(k -> k.ref().nativeId())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 23).mapToObj(i -> arn(REGION, keyId(i))).toList());
        List<FakeAwsService.Request> listKeys = aws.kms.requests("ListKeys");
        assertThat(listKeys).hasSize(5).allSatisfy(r -> assertThat(r.body()).contains("\"Limit\":5"));
        assertThat(listKeys.get(0).body()).doesNotContain("Marker");
        assertThat(listKeys.subList(1, 5)).allSatisfy(r -> assertThat(r.body()).contains("\"Marker\""));
        assertThat(aws.kms.count("ListAliases")).as("13 aliases, 5 a page, read once for the Region").isEqualTo(3);
        assertThat(byKeyId(keys).get(keyId(1)).attributes()).containsEntry("alias.add", "alias/app-1,alias/app-5,alias/app-9");
        assertThat(byKeyId(keys).get(keyId(7)).attributes()).doesNotContainKey("alias.add");
        assertThat(aws.kms.requests("DescribeKey")).allSatisfy(r -> assertThat(r.region()).isEqualTo(REGION));
    }

    @Test
    void everyKeyStateIsMappedAsTheStateTableSays() {
        Map<String, String> expected = Map.of("Creating", "PRE_ACTIVATION", "PendingImport", "PRE_ACTIVATION",
                "Enabled", "ACTIVE", "Updating", "ACTIVE", "Disabled", "SUSPENDED", "Unavailable", "SUSPENDED",
                "PendingDeletion", "DEACTIVATED", "PendingReplicaDeletion", "DEACTIVATED");
        int i = 0;
        for (String state : expected.keySet()) {
            var key = aws.kms.addKey(ACCOUNT, REGION, keyId(i++), CREATED);
            switch (state) {
                case "PendingDeletion" -> key.scheduledDeletion(Instant.parse("2026-12-28T00:00:00Z"));
                case "PendingReplicaDeletion" -> key.multiRegionPrimary("us-west-2").pendingReplicaDeletion(7);
                case "PendingImport" -> key.imported(Optional.empty()).state(state);
                case "Unavailable" -> key.customKeyStore("AWS_CLOUDHSM", "cks-1234567890abcdef0").state(state);
                default -> key.state(state);
            }
        }

        List<ObservedKey> keys = AllPages.of(source());

        assertThat(keys).hasSize(8).allSatisfy(k -> {
            String nativeState = k.attributes().get("nativeState");
            assertThat(k.attributes()).containsEntry("state", expected.get(nativeState));
            assertThat(k.unreadable()).isEmpty();
        });
        ObservedKey pending = keys.stream().filter(k -> k.attributes().get("nativeState").equals("PendingDeletion"))
                .findFirst().orElseThrow();
        assertThat(pending.attributes()).containsEntry("destructionScheduledAt", "2026-12-28T00:00:00Z");
        ObservedKey unavailable = keys.stream().filter(k -> k.attributes().get("nativeState").equals("Unavailable"))
                .findFirst().orElseThrow();
        assertThat(unavailable.attributes()).containsEntry("customKeyStore", "cks-1234567890abcdef0");
    }

    @Test
    void theLatestListedRotationIsTheKeysLastRotationAcrossPages() {
        FakeKmsKey rotated = aws.kms.addKey(ACCOUNT, REGION, keyId(0), CREATED).rotation(true, 90, Optional.empty());
        for (int month = 1; month <= 7; month++) {
            rotated.rotated(Instant.parse(String.format("2026-%02d-10T00:00:00Z", month)),
                    month == 5 ? "ON_DEMAND" : "AUTOMATIC");
        }
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).rotation(true, 365, Optional.empty());
        aws.kms.addKey(ACCOUNT, REGION, keyId(2), CREATED).spec("RSA_2048");

        Map<String, ObservedKey> keys = byKeyId(AllPages.of(source(KmsSweepOptions.defaults().withPageSizes(100, 100, 3))));

        assertThat(keys.get(keyId(0)).attributes()).containsEntry("rotation.lastRotatedAt", "2026-07-10T00:00:00Z");
        assertThat(keys.get(keyId(1)).attributes()).doesNotContainKey("rotation.lastRotatedAt");
        assertThat(keys.get(keyId(2)).attributes()).doesNotContainKey("rotation.lastRotatedAt");
        assertThat(aws.kms.count("ListKeyRotations")).as("7 rotations, 3 a page, and a key without any")
                .isEqualTo(4);
    }

    @Test
    void everyKeySpecIsMappedAndOnlyRotatableKeysAreAskedForTheirRotation() {
        List<String> specs = List.of("SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
                "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
                "ML_DSA_44", "ML_DSA_65", "ML_DSA_87");
        for (int i = 0; i < specs.size(); i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED).spec(specs.get(i));
        }
        aws.kms.key(ACCOUNT, REGION, keyId(0)).orElseThrow().rotation(true, 180,
                Optional.of(Instant.parse("2027-01-01T00:00:00Z")));

        Map<String, ObservedKey> keys = byKeyId(AllPages.of(source()));

        assertThat(keys.get(keyId(0)).attributes()).containsEntry("algorithm", "AES-256").containsEntry("kind", "SYMMETRIC")
                .containsEntry("rotation.enabled", "true").containsEntry("rotation.period", "P180D")
                .containsEntry("createdAt", "2026-01-15T09:00:00Z");
        assertThat(keys.get(keyId(3)).attributes()).containsEntry("algorithm", "RSA-4096").containsEntry("kind", "ASYMMETRIC")
                .doesNotContainKey("rotation.enabled");
        assertThat(keys.get(keyId(7)).attributes()).containsEntry("algorithm", "EC-secp256k1")
                .containsEntry("keyUsage", "SIGN_VERIFY");
        assertThat(keys.get(keyId(11)).attributes()).containsEntry("algorithm", "HMAC-SHA512").containsEntry("kind", "HMAC")
                .containsEntry("keyUsage", "GENERATE_VERIFY_MAC");
        assertThat(keys.get(keyId(13)).attributes()).containsEntry("algorithm", "ML-DSA-65")
                .containsEntry("nativeSpec", "ML_DSA_65");
        assertThat(aws.kms.count("GetKeyRotationStatus")).as("only the symmetric key").isEqualTo(1);
        assertThat(keys.values()).allSatisfy(k -> assertThat(k.unreadable()).isEmpty());
    }

    @Test
    void awsManagedKeysAreInventoriedWithTheirYearlyRotationAndWithoutTags() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).awsManaged().description("Default key for EBS");
        aws.kms.alias(ACCOUNT, REGION, "alias/aws/ebs", Optional.of(keyId(1)));

        ObservedKey k = AllPages.of(source()).get(0);

        assertThat(k.attributes()).containsEntry("manager", "PROVIDER").containsEntry("alias.add", "alias/aws/ebs")
                .containsEntry("rotation.enabled", "true").containsEntry("rotation.period", "P365D");
        assertThat(k.unreadable()).isEmpty();
        assertThat(aws.kms.count("ListResourceTags")).as("AWS managed keys cannot be tagged").isZero();
    }

    @Test
    void tagsAreReadPageByPageWithTheDeclaredAiUsage() {
        var key = aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED);
        for (int i = 0; i < 7; i++) {
            key.tag("t" + i, "v" + i);
        }
        key.tag("keyledger-ai-usage", "vector-store");

        ObservedKey k = AllPages.of(source(KmsSweepOptions.defaults().withPageSizes(100, 100, 3))).get(0);

        assertThat(k.attributes()).containsEntry("tag.t0", "v0").containsEntry("tag.t6", "v6")
                .containsEntry("usage.aiCategory", "VECTOR_STORE");
        assertThat(aws.kms.count("ListResourceTags")).isEqualTo(3);
    }

    @Test
    void multiRegionKeysNameTheirPrimary() {
        String mrk = "mrk-1234abcd12ab34cd56ef1234567890ab";
        aws.kms.addKey(ACCOUNT, REGION, mrk, CREATED).multiRegionPrimary("us-west-2");
        aws.kms.addKey(ACCOUNT, "us-west-2", mrk, CREATED).multiRegionReplicaOf(REGION);

        ObservedKey primary = AllPages.of(source()).get(0);
        KmsClient west = KmsClients.client("us-west-2", aws.credentials.staticFor(ACCOUNT), aws.http(),
                Optional.of(aws.kms.uri()));
        ObservedKey replica = AllPages.of(new KmsKeySource(west, new SweepScope(Provider.AWS, ACCOUNT, "us-west-2"),
                KmsSweepOptions.defaults(), clock, sleeper)).get(0);

        assertThat(primary.attributes()).containsEntry("multiRegion", "true").containsEntry("replicaOf", "");
        assertThat(replica.ref().location()).isEqualTo("us-west-2");
        assertThat(replica.attributes()).containsEntry("replicaOf", "aws:" + arn(REGION, mrk));
        west.close();
    }

    @Test
    void importedMaterialHasItsExpiryAndNoRotation() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).imported(Optional.of(Instant.parse("2027-06-01T00:00:00Z")));

        ObservedKey k = AllPages.of(source()).get(0);

        assertThat(k.attributes()).containsEntry("origin", "IMPORTED").containsEntry("expiresAt", "2027-06-01T00:00:00Z")
                .doesNotContainKey("rotation.enabled");
        assertThat(aws.kms.count("GetKeyRotationStatus")).isZero();
    }

    @Test
    void aKeyWhosePolicyDeniesTheSweepIsPartiallyObservedAndTheOthersAreNot() {
        for (int i = 0; i < 4; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED).tag("Owner", "team-" + i);
        }
        aws.kms.alias(ACCOUNT, REGION, "alias/legacy", Optional.of(keyId(1)));
        aws.kms.deny("DescribeKey", keyId(1));
        aws.kms.deny("ListResourceTags", keyId(2));
        aws.kms.deny("GetKeyRotationStatus", keyId(3));

        Map<String, ObservedKey> keys = byKeyId(AllPages.of(source()));

        assertThat(keys).hasSize(4);
        assertThat(keys.get(keyId(0)).unreadable()).isEmpty();
        assertThat(keys.get(keyId(1)).unreadable()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("DescribeKey: AccessDeniedException: User: arn:aws:sts::" + ACCOUNT));
        assertThat(keys.get(keyId(1)).attributes()).isEqualTo(Map.of("alias.add", "alias/legacy"));
        assertThat(keys.get(keyId(2)).unreadable()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("ListResourceTags: AccessDeniedException"));
        assertThat(keys.get(keyId(2)).attributes()).containsEntry("state", "ACTIVE").doesNotContainKey("tag.Owner");
        assertThat(keys.get(keyId(3)).unreadable()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("GetKeyRotationStatus: AccessDeniedException"));
        assertThat(keys.get(keyId(3)).attributes()).containsEntry("tag.Owner", "team-3")
                .doesNotContainKey("rotation.enabled");
    }

    @Test
    void aKeyDeletedBetweenListingAndDescribingIsGone() {
        for (int i = 0; i < 3; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        aws.kms.vanishAfterListing(keyId(1));
        KmsKeySource source = source();

        List<ObservedKey> keys = AllPages.of(source);

        assertThat(keys).extracting(k -> k.ref().nativeId()).containsExactly(arn(REGION, keyId(0)), arn(REGION, keyId(2)));
        assertThat(aws.kms.count("DescribeKey")).isEqualTo(3);
        assertThat(source.describe(new KeyRef(Provider.AWS, ACCOUNT, REGION, arn(REGION, keyId(1))))).isEmpty();
        assertThat(source.describe(new KeyRef(Provider.AWS, ACCOUNT, REGION, arn(REGION, keyId(2))))).isPresent();
    }

    @Test
    void aKeyOfAnotherScopeIsRefused() {
        KeyRef other = new KeyRef(Provider.AWS, ACCOUNT, "eu-west-1", arn("eu-west-1", keyId(1)));

        assertThatThrownBy(() -> source().describe(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not of scope aws:111122223333:us-east-1");
    }

    @Test
    void aDeniedListingFailsTheCallRatherThanLookEmpty() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED);
        KmsClient stranger = KmsClients.client(REGION, aws.credentials.staticFor("999999999999"), aws.http(),
                Optional.of(aws.kms.uri()));
        KmsKeySource other = new KmsKeySource(stranger, new SweepScope(Provider.AWS, "999999999999", REGION),
                KmsSweepOptions.defaults(), clock, sleeper);

        assertThat(AllPages.of(other)).as("another account's view of KMS is its own").isEmpty();
        stranger.close();
    }

    @Test
    void nothingIsSentBeforeTheFirstCall() {
        source();
        KmsKeySource.paced(kms, scope, KmsSweepOptions.defaults(), clock, sleeper, new java.util.Random(1));

        assertThat(aws.kms.requests()).isEmpty();
    }
}
