package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.ACCOUNT;
import static io.keyledger.aws.format.AwsTestRecords.K1;
import static io.keyledger.aws.format.AwsTestRecords.K2;
import static io.keyledger.aws.format.AwsTestRecords.K_EXT;
import static io.keyledger.aws.format.AwsTestRecords.K_HSM;
import static io.keyledger.aws.format.AwsTestRecords.K_MRK;
import static io.keyledger.aws.format.AwsTestRecords.arn;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.only;
import static io.keyledger.aws.format.AwsTestRecords.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One realistic CloudTrail record per KMS operation (src/test/resources/aws/cloudtrail/<eventName>.json). */
class CloudTrailKmsOperationsTest {

    @ParameterizedTest
    @EnumSource(KmsOperation.class)
    void everyOperationHasARecordThatDecodesAsTheTableSays(KmsOperation op) {
        List<DecodedRecord> results = read("cloudtrail/" + op.nativeName() + ".json");

        assertThat(results).isNotEmpty().noneMatch(r -> r instanceof DecodedRecord.Malformed);
        switch (op.disposition()) {
            case KEY_EVENT, USE -> assertThat(events(results)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.action()).isIn(op.action().orElseThrow(), Action.CREATE))
                    .allSatisfy(e -> assertThat(e.source().operation()).isEqualTo(op.nativeName()))
                    .allSatisfy(e -> assertThat(e.source().kind()).isEqualTo("cloudtrail"));
            case KEY_STORE_CHANGE -> assertThat(results).singleElement().isInstanceOf(DecodedRecord.KeyStoreChange.class);
            case IGNORED -> assertThat(results).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
        }
    }

    @Test
    void createKeyCarriesTheKeysAttributesTagsAndDeclaredAiUsage() {
        KeyEvent e = only("cloudtrail/CreateKey.json");

        assertThat(e.eventId()).isEqualTo(AwsTestRecords.json("cloudtrail/CreateKey.json").get("eventID").asString());
        assertThat(e.key()).isEqualTo(new KeyRef(Provider.AWS, ACCOUNT, "us-east-1", arn(K1)));
        assertThat(e.action()).isEqualTo(Action.CREATE);
        assertThat(e.attributes()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("state", "ACTIVE"), Map.entry("nativeState", "Enabled"),
                Map.entry("algorithm", "AES-256"), Map.entry("kind", "SYMMETRIC"),
                Map.entry("nativeSpec", "SYMMETRIC_DEFAULT"), Map.entry("keyUsage", "ENCRYPT_DECRYPT"),
                Map.entry("origin", "GENERATED"), Map.entry("protection", "HSM"), Map.entry("manager", "CUSTOMER"),
                Map.entry("description", "Payments data key"), Map.entry("createdAt", "2026-01-15T09:00:00Z"),
                Map.entry("multiRegion", "false"), Map.entry("tag.Owner", "payments"),
                Map.entry("tag.keyledger-ai-usage", "training-data"), Map.entry("usage.aiCategory", "TRAINING_DATA")));
        assertThat(e.actor().principal()).isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(e.actor().type()).isEqualTo(ActorType.USER);
        assertThat(e.actor().sourceIp()).contains("198.51.100.7");
        assertThat(e.actor().userAgent()).hasValueSatisfying(a -> assertThat(a).startsWith("aws-cli/2.15.30"));
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aKeyForImportedMaterialIsPendingImport() {
        KeyEvent e = only("cloudtrail/CreateKey-external.json");

        assertThat(e.attributes()).containsEntry("state", "PRE_ACTIVATION").containsEntry("nativeState", "PendingImport")
                .containsEntry("origin", "IMPORTED");
    }

    @Test
    void aCloudHsmKeyNamesItsCustomKeyStore() {
        KeyEvent e = only("cloudtrail/CreateKey-cloudhsm.json");

        assertThat(e.key().nativeId()).isEqualTo(arn(K_HSM));
        assertThat(e.attributes()).containsEntry("customKeyStore", "cks-1234567890abcdef0").containsEntry("protection", "HSM");
    }

    @Test
    void aMultiRegionPrimaryIsMultiRegionAndNoOnesReplica() {
        KeyEvent e = only("cloudtrail/CreateKey-multiregion.json");

        assertThat(e.attributes()).containsEntry("multiRegion", "true").containsEntry("replicaOf", "");
    }

    @Test
    void anAsymmetricSigningKeyHasItsAlgorithmAndUsage() {
        KeyEvent e = only("cloudtrail/CreateKey-signing.json");

        assertThat(e.attributes()).containsEntry("algorithm", "EC-P256").containsEntry("kind", "ASYMMETRIC")
                .containsEntry("keyUsage", "SIGN_VERIFY");
    }

    @Test
    void aFailedCreateKeyCreatedNoKeyAndIsIgnoredWithItsErrorCode() {
        List<DecodedRecord> results = read("cloudtrail/CreateKey-failed.json");

        assertThat(results).singleElement().isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).contains("AccessDeniedException"));
    }

    @Test
    void replicateKeyGivesTheReplicaAnAssetOfItsOwnLinkedToThePrimary() {
        List<KeyEvent> events = events(read("cloudtrail/ReplicateKey.json"));

        assertThat(events).hasSize(2);
        KeyEvent primary = events.get(0);
        KeyEvent replica = events.get(1);
        assertThat(primary.action()).isEqualTo(Action.REPLICATE);
        assertThat(primary.key().nativeId()).isEqualTo(arn(K_MRK));
        assertThat(replica.action()).isEqualTo(Action.CREATE);
        assertThat(replica.key()).isEqualTo(new KeyRef(Provider.AWS, ACCOUNT, "us-west-2", arn(K_MRK, "us-west-2")));
        assertThat(replica.eventId()).isEqualTo(primary.eventId() + "/replica");
        assertThat(replica.attributes()).containsEntry("replicaOf", "aws:" + arn(K_MRK))
                .containsEntry("multiRegion", "true").containsEntry("nativeState", "Creating")
                .containsEntry("state", "PRE_ACTIVATION").containsEntry("tag.Owner", "orders")
                .containsEntry("description", "Global orders key (Oregon)");
    }

    @Test
    void scheduleKeyDeletionDeactivatesWithTheDeletionDate() {
        KeyEvent e = only("cloudtrail/ScheduleKeyDeletion.json");

        assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
        assertThat(e.attributes()).containsEntry("state", "DEACTIVATED").containsEntry("nativeState", "PendingDeletion")
                .containsEntry("destructionScheduledAt", "2026-02-09T12:00:00Z");
        assertThat(e.actor().type()).isEqualTo(ActorType.ROLE);
        assertThat(e.actor().principal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/KeyAdmin/alice");
    }

    @Test
    void aPrimaryWithReplicasWaitsForThemWithoutADate() {
        KeyEvent e = only("cloudtrail/ScheduleKeyDeletion-replicas.json");

        assertThat(e.attributes()).containsEntry("nativeState", "PendingReplicaDeletion")
                .containsEntry("state", "DEACTIVATED").doesNotContainKey("destructionScheduledAt");
    }

    @Test
    void cancelKeyDeletionLeavesTheKeyDisabled() {
        assertThat(only("cloudtrail/CancelKeyDeletion.json").attributes())
                .containsEntry("state", "SUSPENDED").containsEntry("nativeState", "Disabled");
    }

    @Test
    void deleteKeyIsAServiceEventThatDestroysTheKey() {
        KeyEvent e = only("cloudtrail/DeleteKey.json");

        assertThat(e.action()).isEqualTo(Action.DESTROY);
        assertThat(e.actor().type()).isEqualTo(ActorType.SERVICE);
        assertThat(e.actor().principal()).isEqualTo("AWS Internal");
        assertThat(e.actor().invokedBy()).isEmpty();
    }

    @Test
    void importedMaterialActivatesTheKeyAndSetsItsExpiry() {
        KeyEvent e = only("cloudtrail/ImportKeyMaterial.json");

        assertThat(e.key().nativeId()).isEqualTo(arn(K_EXT));
        assertThat(e.attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "Enabled")
                .containsEntry("expiresAt", "2026-07-15T00:00:00Z");
    }

    @Test
    void deletedOrExpiredMaterialReturnsTheKeyToPendingImport() {
        for (String resource : List.of("cloudtrail/DeleteImportedKeyMaterial.json", "cloudtrail/DeleteExpiredKeyMaterial.json")) {
            assertThat(only(resource).attributes()).as(resource)
                    .containsEntry("state", "PRE_ACTIVATION").containsEntry("nativeState", "PendingImport");
        }
    }

    @Test
    void rotationPolicyAndRotations() {
        assertThat(only("cloudtrail/EnableKeyRotation.json").attributes())
                .containsEntry("rotation.enabled", "true").containsEntry("rotation.period", "P180D");
        assertThat(only("cloudtrail/DisableKeyRotation.json").attributes()).containsEntry("rotation.enabled", "false");
        assertThat(only("cloudtrail/RotateKey.json").action()).isEqualTo(Action.ROTATE);
        assertThat(only("cloudtrail/RotateKeyOnDemand.json").action()).isEqualTo(Action.ROTATE);
    }

    @Test
    void updatePrimaryRegionSwapsWhichKeyIsTheReplica() {
        List<KeyEvent> events = events(read("cloudtrail/UpdatePrimaryRegion.json"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).key().nativeId()).isEqualTo(arn(K_MRK));
        assertThat(events.get(0).attributes()).containsEntry("replicaOf", "aws:" + arn(K_MRK, "us-west-2"));
        assertThat(events.get(1).key().nativeId()).isEqualTo(arn(K_MRK, "us-west-2"));
        assertThat(events.get(1).eventId()).endsWith("/new-primary");
        assertThat(events.get(1).attributes()).containsEntry("replicaOf", "");
    }

    @Test
    void aliasesAreAddedMovedAndRemoved() {
        KeyEvent created = only("cloudtrail/CreateAlias.json");
        assertThat(created.key().nativeId()).isEqualTo(arn(K1));
        assertThat(created.attributes()).isEqualTo(Map.of("alias.add", "alias/payments"));

        List<KeyEvent> moved = events(read("cloudtrail/UpdateAlias.json"));
        assertThat(moved).hasSize(2);
        assertThat(moved.get(0).key().nativeId()).isEqualTo(arn(K2));
        assertThat(moved.get(0).attributes()).isEqualTo(Map.of("alias.add", "alias/payments"));
        assertThat(moved.get(1).key().nativeId()).isEqualTo(arn(K1));
        assertThat(moved.get(1).eventId()).isEqualTo(moved.get(0).eventId() + "/previous-target");
        assertThat(moved.get(1).attributes()).isEqualTo(Map.of("alias.remove", "alias/payments"));

        KeyEvent deleted = only("cloudtrail/DeleteAlias.json");
        assertThat(deleted.key().nativeId()).isEqualTo(arn(K2));
        assertThat(deleted.attributes()).isEqualTo(Map.of("alias.remove", "alias/payments"));
    }

    @Test
    void aKeyPolicyChangeIsRecordedButThePolicyIsNeverStored() {
        KeyEvent e = only("cloudtrail/PutKeyPolicy.json");

        assertThat(e.action()).isEqualTo(Action.KEY_POLICY);
        // Only what the analysis found is kept, never the document.
        assertThat(e.attributes()).containsOnlyKeys("policy.lockoutRisk", "access.externalPrincipals", "access.model");
        assertThat(io.keyledger.core.json.KeyEventJson.write(e)).doesNotContain("SECRET-POLICY-STATEMENT");
    }

    @Test
    void aGrantToAServiceRecordsTheServiceAsAUser() {
        KeyEvent e = only("cloudtrail/CreateGrant.json");

        assertThat(e.action()).isEqualTo(Action.GRANT);
        assertThat(e.attributes()).containsEntry("usage.service", "rds.amazonaws.com");
        assertThat(e.actor().invokedBy()).contains("rds.amazonaws.com");
        assertThat(e.actor().sourceIp()).isEmpty();
        // The RDS instance the grant is for is the resource the key protects: an AWS-reserved context key.
        assertThat(e.attributes()).containsEntry("usage.resource", "aws:rds:db-id=db-ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .containsEntry("access.grantees.add", "rds.us-east-1.amazonaws.com");
    }

    @Test
    void aTicketInTheEncryptionContextIsTheChangeReferenceAndNothingElseOfTheContextIsKept() {
        var record = (tools.jackson.databind.node.ObjectNode) AwsTestRecords.json("cloudtrail/CreateGrant.json").deepCopy();
        var subset = (tools.jackson.databind.node.ObjectNode) record.get("requestParameters").get("constraints")
                .get("encryptionContextSubset");
        subset.put("change-ticket", "CHG-2026-0142");
        subset.put("ticket", "free text with spaces is not a ticket id");

        KeyEvent e = AwsTestRecords.events(AwsTestRecords.decode(record)).get(0);

        assertThat(e.attributes()).containsEntry("changeReference", "CHG-2026-0142");
        assertThat(io.keyledger.core.json.KeyEventJson.write(e)).doesNotContain("free text");
    }

    @Test
    void tagsAreSetAndRemoved() {
        assertThat(only("cloudtrail/TagResource.json").attributes()).containsEntry("tag.CostCenter", "cc-4711")
                .containsEntry("tag.keyledger-ai-usage", "vector-store, inference-logs")
                .containsEntry("usage.aiCategory", "INFERENCE_LOGS,VECTOR_STORE");
        assertThat(only("cloudtrail/UntagResource.json").attributes()).isEqualTo(Map.of("untag", "CostCenter,Project"));
        assertThat(only("cloudtrail/UpdateKeyDescription.json").attributes())
                .isEqualTo(Map.of("description", "Payments data key (PCI scope)"));
    }

    @Test
    void connectingAndDisconnectingACustomKeyStoreIsAKeyStoreChange() {
        DecodedRecord.KeyStoreChange connect = (DecodedRecord.KeyStoreChange) read("cloudtrail/ConnectCustomKeyStore.json").get(0);
        DecodedRecord.KeyStoreChange disconnect = (DecodedRecord.KeyStoreChange) read("cloudtrail/DisconnectCustomKeyStore.json").get(0);

        assertThat(connect.connected()).isTrue();
        assertThat(disconnect.connected()).isFalse();
        assertThat(disconnect.keyStoreId()).isEqualTo("cks-1234567890abcdef0");
        assertThat(disconnect.account()).isEqualTo(ACCOUNT);
        assertThat(disconnect.location()).isEqualTo("us-east-1");
        assertThat(disconnect.provider()).isEqualTo(Provider.AWS);
        assertThat(disconnect.operation()).isEqualTo("DisconnectCustomKeyStore");
        assertThat(disconnect.actor().type()).isEqualTo(ActorType.ROLE);
    }

    @Test
    void keyStoreAdministrationChangesTheStoresRecordAndReachesNoKey() {
        for (String op : List.of("CreateCustomKeyStore", "UpdateCustomKeyStore", "DeleteCustomKeyStore")) {
            assertThat(read("cloudtrail/" + op + ".json")).singleElement()
                    .isInstanceOfSatisfying(DecodedRecord.KeyStoreChange.class, c -> {
                        assertThat(c.keyStoreId()).startsWith("cks-");
                        assertThat(c.reachesKeys()).isFalse();
                    });
        }
    }
}
