package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.ACCOUNT;
import static io.keyledger.aws.format.AwsTestRecords.K1;
import static io.keyledger.aws.format.AwsTestRecords.K_EXT;
import static io.keyledger.aws.format.AwsTestRecords.arn;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static io.keyledger.aws.format.AwsTestRecords.only;
import static io.keyledger.aws.format.AwsTestRecords.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same CloudTrail record through EventBridge, SQS and S3; KMS's own EventBridge events. */
class ChannelsTest {

    private static final String LOG_KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/15/"
            + "111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json.gz";

    @Test
    void aCloudTrailRecordThroughEventBridgeIsTheSameEventWithTheSameId() {
        KeyEvent direct = only("cloudtrail/DisableKey.json");
        KeyEvent viaEventBridge = only("eventbridge/api-call-DisableKey.json");

        assertThat(viaEventBridge.eventId()).isEqualTo(direct.eventId());
        assertThat(viaEventBridge.dedupKey()).isEqualTo(direct.dedupKey());
        assertThat(viaEventBridge.key()).isEqualTo(direct.key());
        assertThat(viaEventBridge.action()).isEqualTo(Action.DISABLE);
        assertThat(viaEventBridge.attributes()).isEqualTo(direct.attributes());
        assertThat(viaEventBridge.actor()).isEqualTo(direct.actor());
        assertThat(viaEventBridge.source().kind()).isEqualTo("eventbridge");
        assertThat(direct.source().kind()).isEqualTo("cloudtrail");
    }

    @Test
    void aServiceEventViaCloudTrailIsDecodedToo() {
        KeyEvent e = only("eventbridge/service-event-RotateKey.json");

        assertThat(e.action()).isEqualTo(Action.ROTATE);
        assertThat(e.eventId()).isEqualTo(only("cloudtrail/RotateKey.json").eventId());
    }

    @Test
    void kmsRotationDeletionAndExpiryEventsAreIdentifiedByTheirEventBridgeId() {
        KeyEvent rotation = only("eventbridge/kms-cmk-rotation.json");
        assertThat(rotation.eventId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(rotation.action()).isEqualTo(Action.ROTATE);
        assertThat(rotation.key().nativeId()).isEqualTo(arn(K1));
        assertThat(rotation.actor().type()).isEqualTo(ActorType.SERVICE);
        assertThat(rotation.source().operation()).isEqualTo("KMS CMK Rotation");

        KeyEvent deletion = only("eventbridge/kms-cmk-deletion.json");
        assertThat(deletion.action()).isEqualTo(Action.DESTROY);

        KeyEvent expiry = only("eventbridge/kms-imported-key-material-expiration.json");
        assertThat(expiry.action()).isEqualTo(Action.DELETE_MATERIAL);
        assertThat(expiry.key().nativeId()).as("built from detail.key-id, region and account").isEqualTo(arn(K_EXT));
        assertThat(expiry.attributes()).containsEntry("nativeState", "PendingImport").containsEntry("state", "PRE_ACTIVATION");
    }

    @Test
    void anUnknownKmsEventIsKeptUnclassified() {
        assertThat(only("eventbridge/kms-unknown.json").action()).isEqualTo(Action.UNCLASSIFIED);
    }

    @Test
    void eventsOfOtherSourcesAreIgnored() {
        assertThat(read("eventbridge/other-source.json")).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
    }

    @Test
    void anS3ObjectCreatedEventForALogFileIsAnObjectToFetch() {
        assertThat(read("eventbridge/s3-object-created.json")).singleElement()
                .isEqualTo(new DecodedRecord.ObjectReference(
                        read("eventbridge/s3-object-created.json").get(0).at(), "s3", "us-east-1",
                        "amzn-s3-demo-trail-bucket", LOG_KEY, 5342));
    }

    @Test
    void anS3NotificationOfANewLogFileIsAnObjectToFetchWithItsKeyDecoded() {
        List<DecodedRecord> results = read("s3/cloudtrail-log-created.json");

        assertThat(results).singleElement().isInstanceOfSatisfying(DecodedRecord.ObjectReference.class, ref -> {
            assertThat(ref.store()).isEqualTo("s3");
            assertThat(ref.bucket()).isEqualTo("amzn-s3-demo-trail-bucket");
            assertThat(ref.key()).isEqualTo("audit logs/" + LOG_KEY);
            assertThat(ref.region()).isEqualTo("us-east-1");
            assertThat(ref.size()).isEqualTo(5342);
            assertThat(ref.at().detail()).isEqualTo("Records[0]");
        });
    }

    @Test
    void digestFilesRemovalsAndTheS3TestEventAreIgnored() {
        for (String resource : List.of("s3/digest-created.json", "s3/object-removed.json", "s3/test-event.json")) {
            assertThat(read(resource)).as(resource).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
        }
    }

    @Test
    void anSqsMessageCarryingAnEventBridgeEventGivesTheSameEvent() {
        KeyEvent viaSqs = only("sqs/eventbridge-body.json");

        assertThat(viaSqs.dedupKey()).isEqualTo(only("cloudtrail/DisableKey.json").dedupKey());
        assertThat(viaSqs.source().kind()).isEqualTo("sqs+eventbridge");
        assertThat(viaSqs.source().location()).contains("Records[0] body");
    }

    @Test
    void anSqsMessageCarryingARecordOrAKmsEventOrAnS3Notification() {
        assertThat(only("sqs/cloudtrail-body.json").eventId()).isEqualTo(only("cloudtrail/EnableKey.json").eventId());
        assertThat(only("sqs/cloudtrail-body.json").source().kind()).isEqualTo("sqs+cloudtrail");
        assertThat(only("sqs/kms-event-body.json").eventId()).isEqualTo("e9ce3425-7d22-412a-a699-e7a5fc3fbc9a");
        assertThat(read("sqs/s3-notification-body.json")).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.ObjectReference.class, ref -> {
                    assertThat(ref.key()).isEqualTo(LOG_KEY);
                    assertThat(ref.at().detail()).isEqualTo("Records[0] body Records[0]");
                });
        assertThat(read("sqs/sns-s3-notification-body.json")).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.ObjectReference.class, ref -> {
                    assertThat(ref.key()).isEqualTo(LOG_KEY);
                    assertThat(ref.at().detail()).isEqualTo("Records[0] body Message Records[0]");
                });
    }

    /** Regression: a mutation property found an SQS message whose notification held no records giving no result at all. */
    @Test
    void anSqsMessageWhoseNotificationHoldsNoRecordsIsIgnoredNotLost() {
        tools.jackson.databind.node.ObjectNode message = (tools.jackson.databind.node.ObjectNode)
                json("sqs/sns-s3-notification-body.json").path("Records").get(0);
        tools.jackson.databind.node.ObjectNode notification = (tools.jackson.databind.node.ObjectNode)
                io.keyledger.core.json.Json.mapper().readTree(message.path("body").asString());
        notification.put("Message", "{\"Records\": []}");
        message.put("body", io.keyledger.core.json.Json.write(notification));
        List<DecodedRecord> out = new java.util.ArrayList<>();

        AwsDecoders.all().stream().filter(d -> d.recognises(message)).findFirst().orElseThrow()
                .decode(message, new io.keyledger.core.decode.RecordLocation("queue", 1, ""), out::add);

        assertThat(out).singleElement().isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("no records"));
    }

    @Test
    void aTruncatedSqsBodyIsMalformedNamingTheBodyAndTheRecord() {
        assertThat(read("sqs/truncated-body.json")).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
                    assertThat(m.field()).isEqualTo("body");
                    assertThat(m.at().index()).isEqualTo(1);
                    assertThat(m.at().detail()).isEqualTo("Records[0]");
                    assertThat(m.message()).contains("not valid JSON");
                });
    }

    @Test
    void aCloudTrailLogFileIgnoresOtherServicesAndKeepsKmsEvents() {
        List<DecodedRecord> results = read("logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json");

        assertThat(results).noneMatch(r -> r instanceof DecodedRecord.Malformed);
        assertThat(results.stream().filter(r -> r instanceof DecodedRecord.Ignored).map(r -> ((DecodedRecord.Ignored) r).reason()))
                .contains("CloudTrail event of s3.amazonaws.com, not of AWS KMS",
                        "CloudTrail event of sts.amazonaws.com, not of AWS KMS",
                        "CloudTrail event of ec2.amazonaws.com, not of AWS KMS");
        assertThat(events(results)).allSatisfy(e -> assertThat(e.key().accountScope()).isEqualTo(ACCOUNT));
        assertThat(json("logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json").get("Records").size())
                .isEqualTo(results.size() - 1); // ReplicateKey gives two events
    }
}
