package io.keyledger.gcp.format;

import java.util.List;

/**
 * A short sample of real-format Google Cloud audit events for the local demo: Cloud KMS Admin Activity
 * and Data Access entries as a log sink exports them (one LogEntry per line), and the same kind of
 * entries as Pub/Sub push requests.
 */
public final class GcpDemo {

    private static final String FOLDER = "io/keyledger/gcp/demo/";

    private GcpDemo() {
    }

    /** Class-path resource names of the sample files, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(FOLDER + "cloudaudit-kms.jsonl", FOLDER + "pubsub-push.jsonl");
    }
}
