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

    private AzureDemo() {
    }

    /** Classpath resource names of the sample files, in the order to ingest them. */
    public static List<String> sampleFiles() {
        return List.of(FOLDER + "keyvault-auditevent.json", FOLDER + "eventgrid-events.json");
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
