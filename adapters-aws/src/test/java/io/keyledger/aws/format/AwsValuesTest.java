package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.testkit.RecordEquality;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The small value parsers: AWS dates, key ARNs, CloudTrail log object keys, service host names. */
class AwsValuesTest {

    @Test
    void datesInEveryFormAwsWrites() {
        assertThat(date("Aug 10, 2022, 10:38:27 PM")).isEqualTo(Instant.parse("2022-08-10T22:38:27Z"));
        assertThat(date("Jan 1, 2021 8:00:00 PM")).isEqualTo(Instant.parse("2021-01-01T20:00:00Z"));
        assertThat(date("Apr 12, 2021 18:58:30 PM")).isEqualTo(Instant.parse("2021-04-12T18:58:30Z"));
        assertThat(date("Jul 15, 2026, 12:00:00 AM")).isEqualTo(Instant.parse("2026-07-15T00:00:00Z"));
        assertThat(date("Jul 15, 2026, 12:30:00 PM")).isEqualTo(Instant.parse("2026-07-15T12:30:00Z"));
        assertThat(date("2026-01-15T09:00:00Z")).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(date("2026-01-15T09:00:00.412000+00:00")).isEqualTo(Instant.parse("2026-01-15T09:00:00.412Z"));
        assertThat(date("2026-01-15T10:00:00+01:00")).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(date("1768467600.5")).isEqualTo(Instant.parse("2026-01-15T09:00:00.500Z"));
    }

    @Test
    void aDateThatIsNoneOfTheFormsIsAnErrorNamingItsField() {
        assertThatThrownBy(() -> dateField("Smarch 3, 2026, 1:00:00 PM"))
                .isInstanceOfSatisfying(RecordFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("KeyMetadata.CreationDate");
                    assertThat(e.reason()).isEqualTo("not a time: 'Smarch 3, 2026, 1:00:00 PM' (expected ISO-8601, "
                            + "epoch seconds or 'Aug 10, 2022, 10:38:27 PM')");
                });
        assertThatThrownBy(() -> dateField("Feb 30, 2026, 1:00:00 PM"))
                .isInstanceOfSatisfying(RecordFormatException.class,
                        e -> assertThat(e.reason()).startsWith("not a time: 'Feb 30, 2026, 1:00:00 PM' ("));
    }

    @Test
    void epochSecondsAsAJsonNumber() {
        JsonNode metadata = Json.mapper().createObjectNode().put("CreationDate", 1768467600.25);
        assertThat(AwsJson.DIALECT.fields(metadata, "KeyMetadata").instant("CreationDate"))
                .contains(Instant.parse("2026-01-15T09:00:00.250Z"));
    }

    private static Instant date(String text) {
        return AwsDates.FORMAT.fromText(text).orElseThrow();
    }

    private static Optional<Instant> dateField(String text) {
        JsonNode metadata = Json.mapper().createObjectNode().put("CreationDate", text);
        return AwsJson.DIALECT.fields(metadata, "KeyMetadata").instant("CreationDate");
    }

    @Test
    void keyArns() {
        KeyArn arn = KeyArn.parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab").orElseThrow();
        assertThat(arn.region()).isEqualTo("us-east-1");
        assertThat(arn.account()).isEqualTo("111122223333");
        assertThat(arn.keyId()).isEqualTo("mrk-1234abcd12ab34cd56ef1234567890ab");
        assertThat(arn.inRegion("eu-west-1").toString()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
        assertThat(arn.keyLedgerId()).isEqualTo("aws:" + arn);
        assertThat(KeyArn.parse("arn:aws:kms:us-east-1:111122223333:alias/payments")).isEmpty();
        assertThat(KeyArn.parse("arn:aws:kms:us-east-1:1111:key/x")).isEmpty();
        assertThat(KeyArn.isKeyId("alias/payments")).isFalse();
        assertThat(KeyArn.isKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")).isTrue();
        assertThat(KeyArn.of("us-gov-west-1", "111122223333", "k-1").partition()).isEqualTo("aws-us-gov");
    }

    @Test
    void everyPartOfAKeyArnTakesPartInEquality() {
        RecordEquality.assertEveryComponentTakesPart(
                KeyArn.parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").orElseThrow());
    }

    @Test
    void cloudTrailLogObjects() {
        assertThat(CloudTrailLogObjects.isLogFile("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/15/"
                + "111122223333_CloudTrail_eu-west-1_20260115T0905Z_abc.json.gz")).isTrue();
        assertThat(CloudTrailLogObjects.isLogFile("trails/prod/AWSLogs/o-exampleorgid/111122223333/CloudTrail/eu-west-1/"
                + "2026/01/15/111122223333_CloudTrail_eu-west-1_20260115T0905Z_abc.json.gz")).isTrue();
        assertThat(CloudTrailLogObjects.isLogFile("AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/01/15/x.json.gz"))
                .isFalse();
        assertThat(CloudTrailLogObjects.isLogFile("exports/report.csv")).isFalse();
    }

    @Test
    void serviceHostNames() {
        assertThat(AwsServiceTable.serviceOfHost("s3.amazonaws.com")).contains("s3");
        assertThat(AwsServiceTable.serviceOfHost("bedrock.us-east-1.amazonaws.com")).contains("bedrock");
        assertThat(AwsServiceTable.serviceOfHost("s3.amazonaws.com.cn")).contains("s3");
        assertThat(AwsServiceTable.serviceOfHost("AWS Internal")).isEmpty();
        assertThat(AwsServiceTable.serviceOfHost("198.51.100.7")).isEmpty();
        assertThat(AwsServiceTable.serviceOfContextKey("aws:ebs:id")).contains("ec2");
        assertThat(AwsServiceTable.serviceOfContextKey("SecretARN")).contains("secretsmanager");
        assertThat(AwsServiceTable.serviceOfContextKey("Department")).isEmpty();
        assertThat(AwsActors.isIpAddress("2001:db8::7")).isTrue();
        assertThat(AwsActors.isIpAddress("198.51.100.7")).isTrue();
        assertThat(AwsActors.isIpAddress("999.51.100.7")).isFalse();
        assertThat(AwsActors.isIpAddress("s3.amazonaws.com")).isFalse();
    }
}
