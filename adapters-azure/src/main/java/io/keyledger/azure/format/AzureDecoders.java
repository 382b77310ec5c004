package io.keyledger.azure.format;

import io.keyledger.core.decode.EventDecoder;
import java.util.List;

/** The Azure formats, for the CLI and the functions to register with {@code Decoders.of}. */
public final class AzureDecoders {

    private AzureDecoders() {
    }

    /** Key Vault / Managed HSM AuditEvent logs, Event Grid (both schemas), and the Activity Log. */
    public static List<EventDecoder> all() {
        return List.of(new KeyVaultAuditDecoder(), new EventGridDecoder(), new ActivityLogDecoder());
    }
}
