package io.keyledger.gcp.format;

import java.util.List;

/**
 * A short sample of real-format Google Cloud audit events for the local demo: Cloud KMS Admin Activity
 * and Data Access entries as a log sink exports them (one LogEntry per line), and the same kind of
 * entries as Pub/Sub push requests.
 */
public final class GcpDemo {

    private static final String FOLDER = "io/keyledger/gcp/demo/";

    /** Where {@link #listingFiles()} are, as a class-path resource directory (ends with a slash). */
    public static final String LISTINGS = "/io/keyledger/gcp/demo/listings/";

    private GcpDemo() {
    }

    /** Class-path resource names of the sample files, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(FOLDER + "cloudaudit-kms.jsonl", FOLDER + "pubsub-push.jsonl");
    }

    /**
     * gcloud listings of the demo's project and location, as {@code keyledger sweep --snapshot} reads them
     * (docs/providers/gcp.md). Each path is under {@link #LISTINGS}, and is also the file's path in a
     * snapshot directory.
     */
    public static List<String> listingFiles() {
        return List.of("gcp/acme-analytics/europe-west1/analytics/keys.json",
                "gcp/acme-analytics/europe-west1/analytics/versions/legacy-reports.json",
                "gcp/acme-analytics/europe-west1/analytics/versions/warehouse.json",
                "gcp/acme-analytics/europe-west1/keyrings.json",
                "gcp/acme-analytics/europe-west1/signing/keys.json",
                "gcp/acme-analytics/europe-west1/signing/versions/release-signer.json");
    }
}
