package io.keyledger.bench.coldstart;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.keyledger.gcp.format.GcpDemo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * The one event every Google child ingests: the demo's first Cloud Audit Log entry (a CreateCryptoKey), as
 * the CloudEvent Eventarc delivers and the Functions Framework's invoker hands the function (binary mode:
 * the attributes, and the LogEntry as data).
 */
final class GcpColdStartEvent {

    private GcpColdStartEvent() {
    }

    static CloudEvent event() {
        String file = GcpDemo.sampleFiles().get(0);
        String entry;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GcpColdStartEvent.class.getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8))) {
            entry = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CloudEventBuilder.v1()
                .withId("projects/acme-payments/logs/cloudaudit.googleapis.com%2Factivity-c01d5a17")
                .withSource(URI.create("//cloudaudit.googleapis.com/projects/acme-payments/logs/activity"))
                .withType("google.cloud.audit.log.v1.written")
                .withTime(OffsetDateTime.parse("2026-01-12T09:14:03.512Z"))
                .withDataContentType("application/json; charset=utf-8")
                .withExtension("servicename", "cloudkms.googleapis.com")
                .withData(entry.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
