package io.keyledger.aws.format;

import java.io.InputStream;
import java.util.List;

/**
 * A small sample of real-format AWS input for the local demo: a CloudTrail log file of one account
 * (five keys: created, aliased, tagged, rotated, used by S3, SageMaker and Bedrock, disabled and enabled
 * again, a denied call, one key scheduled for deletion, one with imported material) and EventBridge
 * events delivered afterwards (a rotation by KMS, a tag change via CloudTrail).
 */
public final class AwsDemo {

    private static final String DIR = "/io/keyledger/aws/demo/";

    private AwsDemo() {
    }

    /** The sample files' resource names, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(DIR + "111122223333_CloudTrail_us-east-1_20260301T0800Z_keyledgerdemo.json",
                DIR + "eventbridge-kms-events.jsonl");
    }

    /** Opens one of {@link #sampleFiles()}. */
    public static InputStream open(String resourceName) {
        InputStream in = AwsDemo.class.getResourceAsStream(resourceName);
        if (in == null) {
            throw new IllegalArgumentException("no AWS demo file " + resourceName);
        }
        return in;
    }
}
