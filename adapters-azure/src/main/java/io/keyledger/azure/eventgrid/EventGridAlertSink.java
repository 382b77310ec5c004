package io.keyledger.azure.eventgrid;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes each alert to an Event Grid custom topic whose input schema is CloudEvents 1.0, one event per
 * alert:
 * <ul>
 *   <li>{@code type} {@value #TYPE}, {@code source} {@code /keyledger/tenants/<tenant>}, {@code subject}
 *       {@code <rule>/<key id>} (or the rule alone), {@code id} the alert's id, so that a subscriber can drop a
 *       redelivery, {@code time} when it was raised;</li>
 *   <li>{@code data}: the alert's JSON, the same document the JSON-lines sink writes;</li>
 *   <li>the extension attributes {@value #SEVERITY}, {@value #RULE} and {@value #TENANT}, for subscriptions'
 *       advanced filters (only CRITICAL to the pager, one tenant's alerts to its team).</li>
 * </ul>
 * The SDK client retries throttling and server errors; what still fails is thrown, for the dispatcher
 * to count.
 */
public final class EventGridAlertSink implements AlertSink {

    public static final String TYPE = "io.keyledger.alert";
    public static final String SEVERITY = "keyledgerseverity";
    public static final String RULE = "keyledgerrule";
    public static final String TENANT = "keyledgertenant";

    private final EventGridPublisherClient<CloudEvent> topic;
    private final String name;

    /** @param topicName how logs and failure counts name the topic (its host name) */
    public EventGridAlertSink(EventGridPublisherClient<CloudEvent> topic, String topicName) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.name = "eventgrid:" + Objects.requireNonNull(topicName, "topicName");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) throws IOException {
        try {
            topic.sendEvent(event(alert));
        } catch (HttpResponseException e) {
            throw new IOException(name + " refused alert " + alert.id() + ": HTTP " + e.getResponse().getStatusCode(), e);
        } catch (AzureException e) {
            throw new IOException(name + " failed for alert " + alert.id() + ": " + e.getMessage(), e);
        }
    }

    /** The CloudEvent of one alert. */
    static CloudEvent event(Alert alert) {
        String subject = alert.rule().id() + alert.keyId().map(k -> "/" + k).orElse("");
        CloudEvent event = new CloudEvent("/keyledger/tenants/" + alert.tenant(), TYPE,
                BinaryData.fromString(Json.write(alert)), CloudEventDataFormat.JSON, "application/json")
                .setId(alert.id())
                .setSubject(subject)
                .setTime(alert.raisedAt().atOffset(ZoneOffset.UTC));
        event.addExtensionAttribute(SEVERITY, alert.severity().name().toLowerCase(Locale.ROOT));
        event.addExtensionAttribute(RULE, alert.rule().id());
        event.addExtensionAttribute(TENANT, alert.tenant());
        return event;
    }
}
