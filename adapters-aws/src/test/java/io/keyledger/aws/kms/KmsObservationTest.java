package io.keyledger.aws.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.format.KeyArn;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.sweep.ObservedKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.MultiRegionConfiguration;
import software.amazon.awssdk.services.kms.model.MultiRegionKey;
import tools.jackson.databind.JsonNode;

/** The one mapping of KMS responses, fed as the AWS CLI prints them and as the SDK returns them. */
class KmsObservationTest {

    static final KeyArn ARN = KeyArn.parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .orElseThrow();

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Test
    void anSdkKeyMetadataReadsAsTheCliOutputOfTheSameKey() {
        KeyMetadata sdk = KeyMetadata.builder().awsAccountId("111122223333").keyId(ARN.keyId()).arn(ARN.toString())
                .creationDate(Instant.parse("2026-01-15T09:00:00.390Z")).enabled(true).keyState("PendingDeletion")
                .deletionDate(Instant.parse("2026-02-14T09:00:00Z")).keySpec("SYMMETRIC_DEFAULT")
                .keyUsage("ENCRYPT_DECRYPT").origin("AWS_KMS").keyManager("CUSTOMER").description("Payments")
                .multiRegion(true).multiRegionConfiguration(MultiRegionConfiguration.builder().multiRegionKeyType("REPLICA")
                        .primaryKey(MultiRegionKey.builder().arn(ARN.inRegion("eu-west-1").toString()).region("eu-west-1")
                                .build()).build())
                .build();
        JsonNode cli = json("""
                {"KeyMetadata": {"AWSAccountId": "111122223333", "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
                 "Arn": "%s", "CreationDate": "2026-01-15T09:00:00.390000+00:00", "Enabled": true,
                 "KeyState": "PendingDeletion", "DeletionDate": "2026-02-14T09:00:00+00:00",
                 "KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "Origin": "AWS_KMS",
                 "KeyManager": "CUSTOMER", "Description": "Payments", "MultiRegion": true,
                 "MultiRegionConfiguration": {"MultiRegionKeyType": "REPLICA",
                   "PrimaryKey": {"Arn": "%s", "Region": "eu-west-1"}}}}
                """.formatted(ARN, ARN.inRegion("eu-west-1")));

        ObservedKey live = new KmsObservation(ARN).keyMetadata(SdkJson.of(sdk)).toObservedKey();
        ObservedKey saved = new KmsObservation(ARN).keyMetadata(cli.get("KeyMetadata")).toObservedKey();

        assertThat(live).isEqualTo(saved);
        assertThat(live.attributes()).containsEntry("state", "DEACTIVATED")
                .containsEntry("destructionScheduledAt", "2026-02-14T09:00:00Z")
                .containsEntry("createdAt", "2026-01-15T09:00:00Z")
                .containsEntry("replicaOf", "aws:" + ARN.inRegion("eu-west-1"));
    }

    @Test
    void rotationTagsAndAliasesAddUp() {
        Map<String, Set<String>> aliases = new HashMap<>();
        KmsObservation.addAliases(json("""
                {"Aliases": [{"AliasName": "alias/b", "TargetKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"},
                             {"AliasName": "alias/aws/ebs"},
                             {"AliasName": "alias/a", "TargetKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}]}"""), aliases);

        ObservedKey k = new KmsObservation(ARN).aliases(aliases.get(ARN.keyId()))
                .rotationStatus(json("{\"KeyRotationEnabled\": true, \"RotationPeriodInDays\": 90}"))
                .tags(json("{\"Tags\": [{\"TagKey\": \"Owner\", \"TagValue\": \"payments\"}]}"))
                .tags(json("{\"Tags\": [{\"TagKey\": \"keyledger-ai-usage\", \"TagValue\": \"inference-logs\"}]}"))
                .unreadable("ListResourceTags: AccessDeniedException: page 3")
                .toObservedKey();

        assertThat(aliases).containsOnlyKeys(ARN.keyId());
        assertThat(k.attributes()).containsEntry("alias.add", "alias/a,alias/b").containsEntry("rotation.enabled", "true")
                .containsEntry("rotation.period", "P90D").containsEntry("tag.Owner", "payments")
                .containsEntry("usage.aiCategory", "INFERENCE_LOGS");
        assertThat(k.unreadable()).contains("ListResourceTags: AccessDeniedException: page 3");
    }

    @Test
    void malformedResponsesNameTheirField() {
        assertThatThrownBy(() -> new KmsObservation(ARN).keyMetadata(json("{\"KeyId\": \"other\"}")))
                .isInstanceOf(RecordFormatException.class).extracting(e -> ((RecordFormatException) e).field())
                .isEqualTo("KeyMetadata.KeyId");
        assertThatThrownBy(() -> new KmsObservation(ARN).keyMetadata(json("{\"KeyState\": 3}")))
                .isInstanceOf(RecordFormatException.class).extracting(e -> ((RecordFormatException) e).field())
                .isEqualTo("KeyMetadata.KeyState");
        assertThatThrownBy(() -> new KmsObservation(ARN).rotationStatus(json("{\"KeyRotationEnabled\": \"yes\"}")))
                .isInstanceOf(RecordFormatException.class).extracting(e -> ((RecordFormatException) e).field())
                .isEqualTo("KeyRotationEnabled");
        assertThatThrownBy(() -> new KmsObservation(ARN).tags(json("{\"Tags\": [{\"TagValue\": \"x\"}]}")))
                .isInstanceOf(RecordFormatException.class).extracting(e -> ((RecordFormatException) e).field())
                .isEqualTo("Tags[0].TagKey");
        assertThatThrownBy(() -> KmsObservation.addAliases(json("{\"Aliases\": [{}]}"), new HashMap<>()))
                .isInstanceOf(RecordFormatException.class).extracting(e -> ((RecordFormatException) e).field())
                .isEqualTo("Aliases[0].AliasName");
    }
}
