package io.keyledger.gcp.format;

import io.keyledger.core.decode.EventDecoder;
import java.util.List;

/** The Google Cloud decoders, for the CLI and the functions to register. */
public final class GcpDecoders {

    private GcpDecoders() {
    }

    /**
     * Eventarc CloudEvents and Pub/Sub push envelopes first (they are recognised by their envelope), then
     * bare LogEntries.
     */
    public static List<EventDecoder> all() {
        return List.of(new EventarcDecoder(), new PubSubPushDecoder(), new CloudAuditLogDecoder());
    }
}
