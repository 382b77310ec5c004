package io.keyledger.gcp.functions;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * CloudEvents as the Functions Framework hands them to a {@code CloudEventsFunction}: Eventarc's structured
 * JSON (the fixtures, the fake Pub/Sub's messagePublished events) read by the CloudEvents SDK's own JSON
 * format, so that the function gets the attributes, extensions and data bytes the runtime would give it.
 */
final class CloudEvents {

    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private CloudEvents() {
    }

    static CloudEvent read(String structuredJson) {
        return JSON.deserialize(structuredJson.getBytes(StandardCharsets.UTF_8));
    }

    /** A fixture of {@code src/test/resources}, such as {@code gcp/eventarc/audit-log-written.json}. */
    static CloudEvent fixture(String resource) {
        return read(resource(resource));
    }

    static String resource(String resource) {
        try (InputStream in = CloudEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
