package io.keyledger.aws.format;

import io.keyledger.core.decode.EventDecoder;
import java.util.List;

/** The AWS input formats, for an ingest to register (see docs/providers/aws.md, "Inputs"). */
public final class AwsDecoders {

    private AwsDecoders() {
    }

    /**
     * Every AWS decoder. Each recognises its own shape (CloudTrail records, EventBridge events, SQS
     * messages, S3 notifications) by a few top-level fields that the others do not have.
     */
    public static List<EventDecoder> all() {
        CloudTrailDecoder cloudTrail = new CloudTrailDecoder();
        EventBridgeDecoder eventBridge = new EventBridgeDecoder();
        S3NotificationDecoder s3 = new S3NotificationDecoder();
        return List.of(cloudTrail, eventBridge, new SqsMessageDecoder(cloudTrail, eventBridge, s3), s3);
    }
}
