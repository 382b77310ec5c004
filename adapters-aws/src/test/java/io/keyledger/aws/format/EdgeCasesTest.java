package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.K1;
import static io.keyledger.aws.format.AwsTestRecords.K2;
import static io.keyledger.aws.format.AwsTestRecords.arn;
import static io.keyledger.aws.format.AwsTestRecords.decode;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Failed calls, unknown operations, other accounts, and records that name less than usual. */
class EdgeCasesTest {

    @Test
    void aFailedCallIsAnEventWithItsErrorAndNoAttributes() {
        ObjectNode record = (ObjectNode) json("cloudtrail/ScheduleKeyDeletion.json").deepCopy();
        record.put("errorCode", "KMSInvalidStateException");
        record.put("errorMessage", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is pending deletion.");
        record.putNull("responseElements");

        KeyEvent e = events(decode(record)).get(0);

        assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
        assertThat(e.outcome()).isEqualTo(Outcome.failure("KMSInvalidStateException",
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is pending deletion."));
        assertThat(e.attributes()).isEmpty();
    }

    @Test
    void aFailedReplicationConcernsOnlyThePrimary() {
        ObjectNode record = (ObjectNode) json("cloudtrail/ReplicateKey.json").deepCopy();
        record.put("errorCode", "AlreadyExistsException");
        record.putNull("responseElements");

        List<KeyEvent> events = events(decode(record));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.REPLICATE);
            assertThat(e.succeeded()).isFalse();
        });
    }

    @Test
    void aFailedUseThroughAnAliasNamesNoKeyAndIsIgnored() {
        ObjectNode record = (ObjectNode) json("cloudtrail/Encrypt.json").deepCopy();
        record.put("errorCode", "NotFoundException");
        record.remove("resources");

        assertThat(decode(record)).singleElement().isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).isEqualTo("failed Encrypt (NotFoundException) names no key"));
    }

    @Test
    void aFailedKeyStoreConnectionChangesNothing() {
        ObjectNode record = (ObjectNode) json("cloudtrail/ConnectCustomKeyStore.json").deepCopy();
        record.put("errorCode", "CloudHsmClusterNotActiveException");

        assertThat(decode(record)).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
    }

    @Test
    void anUnknownKmsOperationIsKeptUnclassified() {
        ObjectNode record = (ObjectNode) json("cloudtrail/DisableKey.json").deepCopy();
        record.put("eventName", "QuarantineKey");

        KeyEvent e = events(decode(record)).get(0);
        assertThat(e.action()).isEqualTo(Action.UNCLASSIFIED);
        assertThat(e.source().operation()).isEqualTo("QuarantineKey");

        record.remove("resources");
        record.remove("requestParameters");
        record.remove("responseElements");
        assertThat(decode(record)).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
    }

    @Test
    void aKeyOfAnotherAccountBelongsToThatAccount() {
        ObjectNode record = (ObjectNode) json("cloudtrail/Encrypt.json").deepCopy();
        String foreign = "arn:aws:kms:eu-west-1:444455556666:key/" + K2;
        ((ObjectNode) record.get("resources").get(0)).put("ARN", foreign);
        ((ObjectNode) record.get("resources").get(0)).put("accountId", "444455556666");

        KeyEvent e = events(decode(record)).get(0);

        assertThat(e.key().accountScope()).isEqualTo("444455556666");
        assertThat(e.key().location()).isEqualTo("eu-west-1");
        assertThat(e.key().nativeId()).isEqualTo(foreign);
    }

    @Test
    void aRecordWithOnlyAKeyIdGetsTheArnBuiltFromItsRegionAndAccount() {
        ObjectNode record = (ObjectNode) json("cloudtrail/DeleteKey.json").deepCopy();
        record.remove("resources");
        record.remove("responseElements");

        assertThat(events(decode(record)).get(0).key().nativeId()).isEqualTo(arn(K1));

        record.put("awsRegion", "cn-north-1");
        assertThat(events(decode(record)).get(0).key().nativeId())
                .isEqualTo("arn:aws-cn:kms:cn-north-1:111122223333:key/" + K1);
    }

    @Test
    void anAliasMovedFromAnUnnamedKeyIsOnlyAddedToTheNewOne() {
        ObjectNode record = (ObjectNode) json("cloudtrail/UpdateAlias.json").deepCopy();
        ((tools.jackson.databind.node.ArrayNode) record.get("resources")).remove(2);

        assertThat(events(decode(record))).singleElement()
                .satisfies(e -> assertThat(e.key().nativeId()).isEqualTo(arn(K2)));
    }

    @Test
    void readsAreIgnoredWithTheirReason() {
        assertThat(AwsTestRecords.read("cloudtrail/DescribeKey.json")).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.Ignored.class, i ->
                        assertThat(i.reason()).isEqualTo("KMS DescribeKey: read, changes nothing and uses no key"));
    }

    @Test
    void aScheduledDeletionWithoutADateIsDatedByItsWaitingPeriod() {
        ObjectNode record = (ObjectNode) json("cloudtrail/ScheduleKeyDeletion.json").deepCopy();
        ((ObjectNode) record.get("responseElements")).remove("deletionDate");

        assertThat(events(decode(record)).get(0).attributes())
                .containsEntry("destructionScheduledAt", "2026-02-09T12:00:00Z");
    }

    @Test
    void rotationWithoutAPeriodHasTheAwsDefaultOfAYear() {
        ObjectNode record = (ObjectNode) json("cloudtrail/EnableKeyRotation.json").deepCopy();
        ((ObjectNode) record.get("requestParameters")).remove("rotationPeriodInDays");

        assertThat(events(decode(record)).get(0).attributes()).containsEntry("rotation.period", "P365D");
    }
}
