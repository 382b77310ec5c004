package io.keyledger.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * KMS management events as the ingest queue receives them: CloudTrail records of KMS API calls in
 * EventBridge's "AWS API Call via CloudTrail" envelope, in the fields and layout AWS writes. Each key
 * goes through {@value #PER_KEY} calls, CreateKey, TagResource, DisableKey and EnableKey, an hour
 * apart (and its calls three minutes after the previous key's); the events of a stream come step by step across the keys, so that consecutive messages
 * change different keys, as a busy account's events do.
 */
final class KmsEventBridgeEvents {

    static final int PER_KEY = 4;
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    /** How CloudTrail writes the dates inside a KMS response ("Mar 1, 2026, 8:00:00 AM"). */
    private static final DateTimeFormatter CLOUDTRAIL_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a",
            Locale.US).withZone(ZoneOffset.UTC);

    private KmsEventBridgeEvents() {
    }

    /** The events of keys {@code from} to {@code from + keys - 1}, step by step. */
    static List<String> stream(int from, int keys) {
        List<String> out = new ArrayList<>(keys * PER_KEY);
        for (int step = 0; step < PER_KEY; step++) {
            for (int k = from; k < from + keys; k++) {
                out.add(event(step, k));
            }
        }
        return out;
    }

    /**
     * {@code perKey} cryptographic uses of each of keys {@code from} to {@code from + keys - 1}, step by step across
     * the keys, within the hour after their lifecycle (a minute apart, so a key's uses fall into one or two hours):
     * Decrypt and GenerateDataKey calls that S3 and EC2 (EBS) make on behalf of the keys' applications, as CloudTrail
     * records them (read-only calls; a trail's EventBridge rule or S3 log files bring them to the queue). Each key's
     * S3 uses name three objects and its EBS uses two volumes: they go into the key's usage rollup (a bounded
     * sketch), not its record.
     */
    static List<String> uses(int from, int keys, int perKey) {
        List<String> out = new ArrayList<>(keys * perKey);
        for (int u = 0; u < perKey; u++) {
            for (int k = from; k < from + keys; k++) {
                out.add(use(u, k));
            }
        }
        return out;
    }

    private static String use(int u, int k) {
        Instant at = START.plusSeconds(3600L * PER_KEY + 180L * k + 60L * u);
        String arn = keyArn(k);
        boolean s3 = u % 3 != 2;
        String service = s3 ? "s3.amazonaws.com" : "ec2.amazonaws.com";
        String name = u % 2 == 0 ? "Decrypt" : "GenerateDataKey";
        String context = s3 ? "\"aws:s3:arn\": \"arn:aws:s3:::orders-data-" + k % 50 + "/part-" + u % 3 + ".csv\""
                : "\"aws:ebs:id\": \"vol-0a1b2c3d4e5f" + (u % 2) + "\"";
        String eventId = UUID.nameUUIDFromBytes((name + "/" + keyId(k) + "/" + u).getBytes(StandardCharsets.UTF_8))
                .toString();
        return """
                {"version": "0", "id": "%1$s", "detail-type": "AWS API Call via CloudTrail", "source": "aws.kms",
                 "account": "%2$s", "time": "%3$s", "region": "%4$s", "resources": [],
                 "detail": {"eventVersion": "1.11",
                  "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLEID012:session-%9$d",
                   "arn": "arn:aws:sts::%2$s:assumed-role/orders-api/session-%9$d", "accountId": "%2$s",
                   "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEID",
                    "arn": "arn:aws:iam::%2$s:role/orders-api", "accountId": "%2$s", "userName": "orders-api"}},
                   "invokedBy": "%5$s"},
                  "eventTime": "%3$s", "eventSource": "kms.amazonaws.com", "eventName": "%6$s", "awsRegion": "%4$s",
                  "sourceIPAddress": "%5$s", "userAgent": "%5$s",
                  "requestParameters": {"keyId": "%7$s", "encryptionContext": {%8$s}}, "responseElements": null,
                  "requestID": "%10$s", "eventID": "%11$s", "readOnly": true,
                  "resources": [{"accountId": "%2$s", "type": "AWS::KMS::Key", "ARN": "%7$s"}],
                  "eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": "%2$s",
                  "eventCategory": "Management"}}
                """.formatted(UUID.nameUUIDFromBytes(("eb/" + eventId).getBytes(StandardCharsets.UTF_8)), ACCOUNT, at,
                REGION, service, name, arn, context, u % 20,
                UUID.nameUUIDFromBytes(("req/" + eventId).getBytes(StandardCharsets.UTF_8)), eventId).replace("\n", "");
    }

    static String keyId(int k) {
        return String.format("5e1b0c2d-%04x-4a1b-9c2d-%012x", k & 0xffff, k);
    }

    static String keyArn(int k) {
        return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId(k);
    }

    private static String event(int step, int k) {
        // three minutes between keys: fewer than five disables in any ten minutes, the default burst rule's
        // threshold, so that the figures are those of plain ingest
        Instant at = START.plusSeconds(3600L * step + 180L * k);
        String keyId = keyId(k);
        String arn = keyArn(k);
        String name = switch (step) {
            case 0 -> "CreateKey";
            case 1 -> "TagResource";
            case 2 -> "DisableKey";
            default -> "EnableKey";
        };
        String request = switch (step) {
            case 0 -> """
                    {"description": "orders data %1$d", "keyUsage": "ENCRYPT_DECRYPT", "keySpec": "SYMMETRIC_DEFAULT",
                     "origin": "AWS_KMS", "multiRegion": false, "tags": [{"tagKey": "Owner", "tagValue": "orders"}]}"""
                    .formatted(k);
            case 1 -> """
                    {"keyId": "%s", "tags": [{"tagKey": "CostCenter", "tagValue": "cc-%04d"}]}""".formatted(keyId, k % 10_000);
            default -> """
                    {"keyId": "%s"}""".formatted(arn);
        };
        String response = step == 0 ? """
                {"keyMetadata": {"AWSAccountId": "%1$s", "keyId": "%2$s", "arn": "%3$s", "creationDate": "%4$s",
                 "enabled": true, "description": "orders data %5$d", "keyUsage": "ENCRYPT_DECRYPT", "keyState": "Enabled",
                 "origin": "AWS_KMS", "keyManager": "CUSTOMER", "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
                 "keySpec": "SYMMETRIC_DEFAULT", "encryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "multiRegion": false}}"""
                .formatted(ACCOUNT, keyId, arn, CLOUDTRAIL_DATE.format(at), k)
                : step == 1 ? "null" : """
                {"keyId": "%s"}""".formatted(arn);
        String eventId = UUID.nameUUIDFromBytes((name + "/" + keyId).getBytes(StandardCharsets.UTF_8)).toString();
        return """
                {"version": "0", "id": "%1$s", "detail-type": "AWS API Call via CloudTrail", "source": "aws.kms",
                 "account": "%2$s", "time": "%3$s", "region": "%4$s", "resources": [],
                 "detail": {"eventVersion": "1.11",
                  "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLEID008:alice",
                   "arn": "arn:aws:sts::%2$s:assumed-role/KeyAdmin/alice", "accountId": "%2$s",
                   "accessKeyId": "ASIAIOSFODNN7EXAMPLE",
                   "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEID",
                    "arn": "arn:aws:iam::%2$s:role/KeyAdmin", "accountId": "%2$s", "userName": "KeyAdmin"},
                    "attributes": {"creationDate": "2026-03-01T07:55:00Z", "mfaAuthenticated": "false"}}},
                  "eventTime": "%3$s", "eventSource": "kms.amazonaws.com", "eventName": "%5$s", "awsRegion": "%4$s",
                  "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.30 Python/3.11.8",
                  "requestParameters": %6$s, "responseElements": %7$s,
                  "requestID": "%8$s", "eventID": "%9$s", "readOnly": false,
                  "resources": [{"accountId": "%2$s", "type": "AWS::KMS::Key", "ARN": "%10$s"}],
                  "eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": "%2$s",
                  "eventCategory": "Management"}}
                """.formatted(UUID.nameUUIDFromBytes(("eb/" + eventId).getBytes(StandardCharsets.UTF_8)), ACCOUNT, at, REGION, name,
                request, response, UUID.nameUUIDFromBytes(("req/" + eventId).getBytes(StandardCharsets.UTF_8)), eventId, arn)
                .replace("\n", "");
    }
}
