package io.keyledger.tests.aws;

import static io.keyledger.tests.aws.KmsKeySourceTest.ACCOUNT;
import static io.keyledger.tests.aws.KmsKeySourceTest.CREATED;
import static io.keyledger.tests.aws.KmsKeySourceTest.REGION;
import static io.keyledger.tests.aws.KmsKeySourceTest.keyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.kms.KmsClients;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** The KMS fake speaks the protocol the real SDK client expects, errors included. */
class FakeKmsProtocolTest {

    private final AwsFakes aws = new AwsFakes(ACCOUNT);
    private final KmsClient kms = KmsClients.client(REGION, aws.credentials.staticFor(ACCOUNT), aws.http(),
            Optional.of(aws.kms.uri()));

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Test
    void requestsAreJson11WithTheTrentServiceTarget() {
        kms.listKeys();

        var request = aws.kms.requests().get(0);
        assertThat(request.headers().get("X-amz-target")).containsExactly("TrentService.ListKeys");
        assertThat(request.headers().get("Content-type").get(0)).startsWith("application/x-amz-json-1.1");
        assertThat(request.account()).isEqualTo(ACCOUNT);
        assertThat(request.service()).isEqualTo("kms");
    }

    @Test
    void listKeysDefaultsToAHundredAndRefusesLimitsOutOfRange() {
        for (int i = 0; i < 101; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }

        var first = kms.listKeys();
        assertThat(first.keys()).hasSize(100);
        assertThat(first.truncated()).isTrue();
        assertThat(kms.listKeys(r -> r.marker(first.nextMarker())).keys()).hasSize(1);
        assertThatThrownBy(() -> kms.listKeys(r -> r.limit(1001))).isInstanceOf(KmsException.class)
                .hasMessageContaining("less than or equal to 1000")
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kms.listKeys(r -> r.marker("not-a-marker"))).isInstanceOf(InvalidMarkerException.class);
        assertThatThrownBy(() -> kms.listAliases(r -> r.limit(101))).isInstanceOf(KmsException.class)
                .hasMessageContaining("less than or equal to 100");
    }

    @Test
    void describeKeyAnswersByIdArnAndAliasAndNotFoundOtherwise() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).spec("RSA_3072").usage("SIGN_VERIFY");
        aws.kms.alias(ACCOUNT, REGION, "alias/signing", Optional.of(keyId(1)));

        KeyMetadata byAlias = kms.describeKey(r -> r.keyId("alias/signing")).keyMetadata();
        KeyMetadata byId = kms.describeKey(r -> r.keyId(keyId(1))).keyMetadata();

        assertThat(byAlias).isEqualTo(byId);
        assertThat(byId.keySpecAsString()).isEqualTo("RSA_3072");
        assertThat(byId.signingAlgorithmsAsStrings()).contains("RSASSA_PSS_SHA_256");
        assertThat(byId.creationDate()).isEqualTo(CREATED);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(keyId(2)))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rotationReadsRefuseKeysThatCannotRotateAndListRotationsPageByPage() {
        var key = aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).rotation(true, 90, Optional.empty());
        for (int i = 0; i < 3; i++) {
            key.rotated(Instant.parse("2026-0" + (i + 2) + "-01T00:00:00Z"), i == 1 ? "ON_DEMAND" : "AUTOMATIC");
        }
        aws.kms.addKey(ACCOUNT, REGION, keyId(2), CREATED).spec("HMAC_256");

        ListKeyRotationsResponse page = kms.listKeyRotations(r -> r.keyId(keyId(1)).limit(2));
        ListKeyRotationsResponse rest = kms.listKeyRotations(r -> r.keyId(keyId(1)).marker(page.nextMarker()));

        assertThat(page.rotations()).hasSize(2);
        assertThat(page.truncated()).isTrue();
        assertThat(rest.rotations()).singleElement().satisfies(r -> assertThat(r.rotationTypeAsString()).isEqualTo("AUTOMATIC"));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(keyId(1))).rotationPeriodInDays()).isEqualTo(90);
        assertThatThrownBy(() -> kms.getKeyRotationStatus(r -> r.keyId(keyId(2))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lastUsageGrantsPolicyAndKeyStoresAreAnsweredAsTheApiReferenceDescribes() {
        aws.kms.addKey(ACCOUNT, REGION, keyId(1), CREATED).lastUsed("DECRYPT", Instant.parse("2026-11-20T08:00:00Z"));
        var key = aws.kms.addKey(ACCOUNT, REGION, keyId(2), CREATED);
        for (int i = 0; i < 3; i++) {
            key.grant(new io.keyledger.testkit.aws.FakeKmsKey.Grant("g-" + i, "arn:aws:iam::" + ACCOUNT + ":role/App-" + i,
                    Optional.empty(), java.util.List.of("Decrypt"), java.util.Map.of("purpose", "test"), CREATED));
        }
        aws.kms.addKeyStore(ACCOUNT, REGION, "cks-1234567890abcdef0", "hsm", "AWS_CLOUDHSM", "CONNECTED", CREATED);

        var used = kms.getKeyLastUsage(r -> r.keyId(keyId(1)));
        assertThat(used.keyLastUsage().operationAsString()).isEqualTo("DECRYPT");
        assertThat(used.keyLastUsage().timestamp()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(used.keyCreationDate()).isEqualTo(CREATED);
        assertThat(kms.getKeyLastUsage(r -> r.keyId(keyId(2))).keyLastUsage()).isNull();

        var page = kms.listGrants(r -> r.keyId(keyId(2)).limit(2));
        assertThat(page.grants()).hasSize(2);
        assertThat(page.truncated()).isTrue();
        assertThat(page.grants().get(0).constraints().encryptionContextSubset()).containsEntry("purpose", "test");
        assertThat(kms.listGrants(r -> r.keyId(keyId(2)).marker(page.nextMarker())).grants()).hasSize(1);
        assertThatThrownBy(() -> kms.listGrants(r -> r.keyId(keyId(2)).limit(101))).isInstanceOf(KmsException.class)
                .hasMessageContaining("less than or equal to 100");

        assertThat(kms.getKeyPolicy(r -> r.keyId(keyId(1)).policyName("default")).policy())
                .contains("arn:aws:iam::" + ACCOUNT + ":root").contains("kms:*");
        assertThatThrownBy(() -> kms.getKeyPolicy(r -> r.keyId(keyId(1)).policyName("other")))
                .isInstanceOf(NotFoundException.class);

        var stores = kms.describeCustomKeyStores();
        assertThat(stores.customKeyStores()).singleElement().satisfies(s -> {
            assertThat(s.customKeyStoreTypeAsString()).isEqualTo("AWS_CLOUDHSM");
            assertThat(s.connectionStateAsString()).isEqualTo("CONNECTED");
            assertThat(s.creationDate()).isEqualTo(CREATED);
        });
    }

    @Test
    void aThrottledRequestIsAThrottlingErrorThatTheSweepsClientDoesNotRetry() {
        aws.kms.throttle("ListKeys", 1, 1, MutableClock.at("2026-11-28T00:00:00Z"));
        kms.listKeys();

        assertThatThrownBy(kms::listKeys).isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).isThrottlingException()).isTrue())
                .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(400));
        assertThat(aws.kms.count("ListKeys")).isEqualTo(2);
    }
}
