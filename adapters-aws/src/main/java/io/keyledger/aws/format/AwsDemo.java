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

    /** Where {@link #listingFiles()} are, as a class-path resource directory (ends with a slash). */
    public static final String LISTINGS = "/io/keyledger/aws/demo/listings/";

    private AwsDemo() {
    }

    /** The sample files' resource names, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(DIR + "111122223333_CloudTrail_us-east-1_20260301T0800Z_keyledgerdemo.json",
                DIR + "eventbridge-kms-events.jsonl");
    }

    /**
     * AWS CLI listings of the demo's account and Region, saved just after the demo's events, as
     * {@code keyledger sweep --snapshot} reads them (docs/providers/aws.md): the demo's keys, and an AWS
     * managed key that the logs never showed (an audit gap). Each path is under {@link #LISTINGS}, and is
     * also the file's path in a snapshot directory.
     */
    public static List<String> listingFiles() {
        return List.of("aws/111122223333/us-east-1/describe-key/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b.json",
                "aws/111122223333/us-east-1/describe-key/7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c.json",
                "aws/111122223333/us-east-1/describe-key/8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d.json",
                "aws/111122223333/us-east-1/describe-key/9c4d5e6f-7081-4c92-9dae-2f3a4b5c6d7e.json",
                "aws/111122223333/us-east-1/describe-key/ad5e6f70-8192-4da3-8ebf-3a4b5c6d7e8f.json",
                "aws/111122223333/us-east-1/describe-key/b6f7a8c9-0d1e-4f2a-9b3c-4d5e6f7a8b9c.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/9c4d5e6f-7081-4c92-9dae-2f3a4b5c6d7e.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/ad5e6f70-8192-4da3-8ebf-3a4b5c6d7e8f.json",
                "aws/111122223333/us-east-1/get-key-rotation-status/b6f7a8c9-0d1e-4f2a-9b3c-4d5e6f7a8b9c.json",
                "aws/111122223333/us-east-1/list-aliases.json",
                "aws/111122223333/us-east-1/list-keys.json",
                "aws/111122223333/us-east-1/list-resource-tags/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b.json",
                "aws/111122223333/us-east-1/list-resource-tags/7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c.json",
                "aws/111122223333/us-east-1/list-resource-tags/8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d.json",
                "aws/111122223333/us-east-1/list-resource-tags/9c4d5e6f-7081-4c92-9dae-2f3a4b5c6d7e.json",
                "aws/111122223333/us-east-1/list-resource-tags/ad5e6f70-8192-4da3-8ebf-3a4b5c6d7e8f.json",
                "aws/111122223333/us-east-1/list-resource-tags/b6f7a8c9-0d1e-4f2a-9b3c-4d5e6f7a8b9c.json");
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
