package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Missing fields, wrong types, bad values and truncation: each is a Malformed naming the field and the
 * record (its index and place in the file), and never costs the other records of the file.
 */
class MalformedRecordsTest {

    @Test
    void aMissingEventNameIsNamedWithTheRecordsPlaceInTheLogFile() throws IOException {
        List<DecodedRecord> results = logFileWithSecondRecord("cloudtrail/DisableKey.json", r -> r.remove("eventName"));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(results.get(2)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.field()).isEqualTo("eventName");
            assertThat(m.message()).isEqualTo("missing");
            assertThat(m.at().input()).isEqualTo("trail.json");
            assertThat(m.at().index()).isEqualTo(2);
            assertThat(m.at().detail()).isEqualTo("Records[1]");
            assertThat(m.toString()).isEqualTo("trail.json record 2 (Records[1]): field 'eventName': missing");
        });
    }

    @Test
    void missingFieldsAreNamed() {
        assertField("cloudtrail/DisableKey.json", r -> r.remove("eventID"), "eventID", "missing");
        assertField("cloudtrail/DisableKey.json", r -> r.remove("eventTime"), "eventTime", "missing");
        assertField("cloudtrail/DisableKey.json", r -> r.remove("eventSource"), "eventSource", "missing");
        assertField("cloudtrail/CreateAlias.json", r -> ((ObjectNode) r.get("requestParameters")).remove("aliasName"),
                "requestParameters.aliasName", "missing");
        assertField("cloudtrail/TagResource.json",
                r -> ((ObjectNode) r.get("requestParameters").get("tags").get(0)).remove("tagKey"),
                "requestParameters.tags[0].tagKey", "missing");
        assertField("cloudtrail/ReplicateKey.json", r -> ((ObjectNode) r.get("requestParameters")).remove("replicaRegion"),
                "requestParameters.replicaRegion", "missing");
        assertField("cloudtrail/ConnectCustomKeyStore.json", r -> r.remove("requestParameters"),
                "requestParameters.customKeyStoreId", "missing");
    }

    @Test
    void aRecordNamingNoKeyAtAllIsMalformed() {
        assertField("cloudtrail/DisableKey.json", r -> {
            r.remove("resources");
            r.remove("responseElements");
            r.remove("requestParameters");
        }, "resources", "names no KMS key");
    }

    @Test
    void aBareKeyIdNeedsTheRegionToBuildItsArn() {
        assertField("cloudtrail/DeleteKey.json", r -> {
            r.remove("resources");
            r.remove("responseElements");
            r.remove("awsRegion");
        }, "awsRegion", "needed to build the ARN");
    }

    @Test
    void wrongTypesAreNamed() {
        assertField("cloudtrail/DisableKey.json", r -> r.put("eventTime", true), "eventTime", "expected a time, was a boolean");
        assertField("cloudtrail/DisableKey.json", r -> r.put("requestParameters", "keyId=1234"),
                "requestParameters", "expected an object, was a string");
        assertField("cloudtrail/DisableKey.json", r -> r.put("resources", 7), "resources", "expected an array, was a number");
        assertField("cloudtrail/DisableKey.json", r -> r.put("eventName", 12), "eventName", "expected a string, was a number");
        assertField("cloudtrail/EnableKeyRotation.json",
                r -> ((ObjectNode) r.get("requestParameters")).put("rotationPeriodInDays", "ninety"),
                "requestParameters.rotationPeriodInDays", "expected a whole number");
        assertField("cloudtrail/CreateKey.json",
                r -> ((ObjectNode) r.get("responseElements").get("keyMetadata")).put("multiRegion", "no"),
                "responseElements.keyMetadata.multiRegion", "expected true or false");
    }

    @Test
    void badValuesAreNamed() {
        assertField("cloudtrail/DisableKey.json", r -> r.put("eventTime", "yesterday"), "eventTime", "not a time");
        assertField("cloudtrail/DisableKey.json",
                r -> ((ObjectNode) r.get("resources").get(0)).put("ARN", "arn:aws:kms:us-east-1:1111:key/abc"),
                "resources[0].ARN", "not a KMS key ARN");
        assertField("cloudtrail/ScheduleKeyDeletion.json",
                r -> ((ObjectNode) r.get("responseElements")).put("deletionDate", "Febtember 40, 2026"),
                "responseElements.deletionDate", "not a time");
        assertField("cloudtrail/EnableKeyRotation.json",
                r -> ((ObjectNode) r.get("requestParameters")).put("rotationPeriodInDays", -5),
                "requestParameters.rotationPeriodInDays", "must be positive");
    }

    @Test
    void fieldsInsideAnEventBridgeEventAreNamedFromTheEventsTop() {
        ObjectNode event = (ObjectNode) json("eventbridge/api-call-DisableKey.json").deepCopy();
        ((ObjectNode) event.get("detail")).remove("eventID");
        assertThat(decodeOne(event)).isEqualTo(new Expected("detail.eventID", "missing"));

        ObjectNode noDetail = (ObjectNode) json("eventbridge/api-call-DisableKey.json").deepCopy();
        noDetail.remove("detail");
        assertThat(decodeOne(noDetail)).isEqualTo(new Expected("detail", "missing"));

        ObjectNode kms = (ObjectNode) json("eventbridge/kms-cmk-rotation.json").deepCopy();
        kms.put("time", "soon");
        assertThat(decodeOne(kms).field()).isEqualTo("time");

        ObjectNode keyless = (ObjectNode) json("eventbridge/kms-cmk-deletion.json").deepCopy();
        keyless.putArray("resources");
        keyless.remove("detail");
        assertThat(decodeOne(keyless).field()).isEqualTo("resources");
    }

    @Test
    void s3AndSqsFieldsAreNamed() {
        ObjectNode s3 = (ObjectNode) json("s3/cloudtrail-log-created.json").get("Records").get(0).deepCopy();
        ((ObjectNode) s3.get("s3").get("object")).remove("key");
        assertThat(decodeOne(s3)).isEqualTo(new Expected("s3.object.key", "missing"));

        ObjectNode sqs = (ObjectNode) json("sqs/cloudtrail-body.json").get("Records").get(0).deepCopy();
        sqs.remove("body");
        assertThat(decodeOne(sqs)).isEqualTo(new Expected("body", "missing"));

        sqs.put("body", "{\"hello\":\"world\"}");
        assertThat(decodeOne(sqs).field()).isEqualTo("body");
    }

    @Test
    void aTruncatedLogFileKeepsTheRecordsBeforeTheCutAndSaysWhereItEnds() throws IOException {
        String whole = AwsTestRecords.text("logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json");
        int cut = whole.indexOf("\"eventName\": \"CreateAlias\"");
        List<DecodedRecord> results = readAll(whole.substring(0, cut));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(results.get(1)).isInstanceOf(DecodedRecord.Ignored.class);
        assertThat(results.get(2)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.message()).contains("truncated");
            assertThat(m.at().index()).isEqualTo(3);
        });
    }

    private record Expected(String field, String messageStart) {
    }

    private static void assertField(String resource, Consumer<ObjectNode> mutation, String field, String message) {
        ObjectNode record = (ObjectNode) json(resource).deepCopy();
        mutation.accept(record);
        Expected got = decodeOne(record);
        assertThat(got.field()).as(resource).isEqualTo(field);
        assertThat(got.messageStart()).as(resource).contains(message);
    }

    private static Expected decodeOne(JsonNode record) {
        List<DecodedRecord> results = AwsTestRecords.decode(record);
        assertThat(results).singleElement().isInstanceOf(DecodedRecord.Malformed.class);
        DecodedRecord.Malformed m = (DecodedRecord.Malformed) results.get(0);
        return new Expected(m.field(), m.message().equals("missing") ? "missing" : m.message());
    }

    private static List<DecodedRecord> logFileWithSecondRecord(String resource, Consumer<ObjectNode> mutation)
            throws IOException {
        ObjectNode bad = (ObjectNode) json(resource).deepCopy();
        mutation.accept(bad);
        ObjectNode log = Json.mapper().createObjectNode();
        ArrayNode records = log.putArray("Records");
        records.add(json("cloudtrail/CreateKey.json"));
        records.add(bad);
        records.add(json("cloudtrail/EnableKey.json"));
        return readAll(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(log));
    }

    private static List<DecodedRecord> readAll(String text) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        Decoders.of(AwsDecoders.all()).read("trail.json",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }
}
