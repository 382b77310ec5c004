package io.keyledger.tests.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** CloudTrail records of KMS management calls, in the form CloudTrail writes them, for tests. */
public final class CloudTrail {

    private static final DateTimeFormatter CLOUDTRAIL_DATE = DateTimeFormatter
            .ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private CloudTrail() {
    }

    /** CreateKey of a symmetric customer managed key, described "{@code owner} data" and tagged Owner={@code owner}. */
    public static String createKey(String account, String region, String keyId, Instant at, String owner) {
        String arn = "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
        return """
                {"eventVersion": "1.11",
                 "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::%1$s:assumed-role/KeyAdmin/alice",
                                  "accountId": "%1$s", "principalId": "AROAEXAMPLE:alice"},
                 "eventTime": "%2$s", "eventSource": "kms.amazonaws.com", "eventName": "CreateKey",
                 "awsRegion": "%3$s", "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.30",
                 "requestParameters": {"description": "%4$s data", "keyUsage": "ENCRYPT_DECRYPT",
                    "keySpec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "multiRegion": false,
                    "tags": [{"tagKey": "Owner", "tagValue": "%4$s"}]},
                 "responseElements": {"keyMetadata": {"AWSAccountId": "%1$s", "keyId": "%5$s", "arn": "%6$s",
                    "creationDate": "%7$s", "enabled": true, "description": "%4$s data", "keyUsage": "ENCRYPT_DECRYPT",
                    "keyState": "Enabled", "origin": "AWS_KMS", "keyManager": "CUSTOMER",
                    "customerMasterKeySpec": "SYMMETRIC_DEFAULT", "keySpec": "SYMMETRIC_DEFAULT",
                    "encryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "multiRegion": false}},
                 "requestID": "%8$s", "eventID": "%9$s", "readOnly": false,
                 "resources": [{"accountId": "%1$s", "type": "AWS::KMS::Key", "ARN": "%6$s"}],
                 "eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": "%1$s",
                 "eventCategory": "Management"}
                """.formatted(account, at, region, owner, keyId, arn, CLOUDTRAIL_DATE.format(at), uuid("req", keyId),
                uuid("create", keyId));
    }

    public static String disableKey(String account, String region, String keyId, Instant at) {
        String arn = "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
        return """
                {"eventVersion": "1.11",
                 "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::%1$s:assumed-role/KeyAdmin/alice",
                                  "accountId": "%1$s", "principalId": "AROAEXAMPLE:alice"},
                 "eventTime": "%2$s", "eventSource": "kms.amazonaws.com", "eventName": "DisableKey",
                 "awsRegion": "%3$s", "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.30",
                 "requestParameters": {"keyId": "%4$s"}, "responseElements": null,
                 "requestID": "%5$s", "eventID": "%6$s", "readOnly": false,
                 "resources": [{"accountId": "%1$s", "type": "AWS::KMS::Key", "ARN": "%4$s"}],
                 "eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": "%1$s",
                 "eventCategory": "Management"}
                """.formatted(account, at, region, arn, uuid("req-disable", keyId), uuid("disable", keyId));
    }

    private static String uuid(String kind, String keyId) {
        return UUID.nameUUIDFromBytes((kind + "/" + keyId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
