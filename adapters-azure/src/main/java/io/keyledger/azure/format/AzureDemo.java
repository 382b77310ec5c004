package io.keyledger.azure.format;

import java.io.InputStream;
import java.util.List;

/**
 * A short sample of real-format Azure records for the local demo: a Key Vault and a Managed HSM's
 * AuditEvent log ({@code {"records": [...]}}, as a storage account receives it) and Event Grid events.
 * Keys are created, tagged, disabled and enabled, rotated by policy, deleted and purged, expire, are used
 * by Azure Storage, Azure OpenAI and Azure Machine Learning, and a delete is refused.
 */
public final class AzureDemo {

    private static final String FOLDER = "/io/keyledger/azure/demo/";

    /** Where {@link #listingFiles()} are, as a class-path resource directory (ends with a slash). */
    public static final String LISTINGS = "/io/keyledger/azure/demo/listings/";

    private AzureDemo() {
    }

    /** Classpath resource names of the sample files, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(FOLDER + "keyvault-auditevent.json", FOLDER + "eventgrid-events.json");
    }

    /**
     * az CLI listings of the demo's vault and Managed HSM, as {@code keyledger sweep --snapshot} reads them
     * (docs/providers/azure.md), which tell the Managed HSM key's type that the demo's events never did.
     * Each path is under {@link #LISTINGS}, and is also the file's path in a snapshot directory.
     */
    public static List<String> listingFiles() {
        return List.of("azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-mhsm/key-list.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-mhsm/keys/ml-artifacts.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/key-list-deleted.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/key-list.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/keys/legacy-signing.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/keys/openai-cmk.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/keys/payments-cmk.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/versions/legacy-signing.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/versions/openai-cmk.json",
                "azure/6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/contoso-prod-kv/versions/payments-cmk.json");
    }

    /** Opens one of {@link #sampleFiles()}; the caller closes it. */
    public static InputStream open(String resource) {
        InputStream in = sampleFiles().contains(resource) ? AzureDemo.class.getResourceAsStream(resource) : null;
        if (in == null) {
            throw new IllegalArgumentException("not an Azure demo file: " + resource);
        }
        return in;
    }
}
