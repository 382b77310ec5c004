package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.SUBSCRIPTION;
import static io.keyledger.azure.format.TestRecords.event;
import static io.keyledger.azure.format.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventGridDecoderTest {

    static final String EVENT_GRID = "/azure/eventgrid/eventgrid-schema.json";
    static final String CLOUD_EVENTS = "/azure/eventgrid/cloudevents-schema.json";
    private static final KeyRef PAYMENTS = new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-kv",
            "https://contoso-kv.vault.azure.net/keys/payments-cmk");

    @ParameterizedTest
    @ValueSource(strings = {EVENT_GRID, CLOUD_EVENTS})
    void everyEventTypeBecomesWhatTheMappingSays(String resource) throws IOException {
        List<DecodedRecord> decoded = TestRecords.decodeResource(resource);
        List<String[]> expected = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/azure/eventgrid/events.expected"), StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank()).forEach(l -> expected.add(l.split("\t")));
        }
        for (int i = 0; i < expected.size(); i++) {
            DecodedRecord d = decoded.get(i);
            String outcome = expected.get(i)[1];
            String actual = d instanceof DecodedRecord.Event e
                    ? (outcome.equals("DEACTIVATED") ? e.event().attributes().get("state") : e.event().action().name())
                    : d instanceof DecodedRecord.Ignored ? "Ignored" : d.toString();
            assertThat(actual).as(expected.get(i)[0] + " in " + resource).isEqualTo(outcome);
            if (d instanceof DecodedRecord.Event e) {
                assertThat(e.event().source().kind()).isEqualTo("eventgrid");
                assertThat(e.event().source().operation()).isEqualTo(expected.get(i)[0]);
                assertThat(e.event().actor().type()).isEqualTo(ActorType.SYSTEM);
            }
        }
        assertThat(decoded).hasSizeGreaterThanOrEqualTo(expected.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {EVENT_GRID, CLOUD_EVENTS})
    void aNewKeyVersionIsARotationWithItsVersionAndDates(String resource) {
        KeyEvent e = event(record(resource, 0));

        assertThat(e.eventId()).isEqualTo("00eccf70-95a7-4e7c-8299-2eb17ee9ad00");
        assertThat(e.action()).isEqualTo(Action.ROTATE);
        assertThat(e.key()).isEqualTo(PAYMENTS);
        assertThat(e.versionId()).contains("9a8b7c6d5e4f40312a1b0c9d8e7f6a5b");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2025-08-02T13:00:01.5244131Z"));
        assertThat(e.attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "enabled")
                .containsEntry("notBefore", "2025-08-02T13:00:00Z").containsEntry("expiresAt", "2027-08-02T13:00:00Z");
    }

    @Test
    void bothSchemasGiveTheSameEvent() {
        for (int i = 0; i < 4; i++) {
            KeyEvent grid = event(record(EVENT_GRID, i));
            KeyEvent cloud = event(record(CLOUD_EVENTS, i));
            assertThat(cloud).usingRecursiveComparison().ignoringFields("source.location").isEqualTo(grid);
        }
    }

    @Test
    void nearExpirySetsTheExpiryAndExpiredDeactivates() {
        KeyEvent near = event(record(EVENT_GRID, 1));
        assertThat(near.action()).isEqualTo(Action.METADATA);
        assertThat(near.attributes()).containsEntry("expiresAt", "2026-03-01T13:00:00Z").doesNotContainKey("state");
        assertThat(near.versionId()).isEmpty();

        KeyEvent expired = event(record(EVENT_GRID, 2));
        assertThat(expired.attributes()).containsEntry("state", "DEACTIVATED").containsEntry("nativeState", "expired")
                .containsEntry("expiresAt", "2026-03-01T13:00:00Z");
        assertThat(expired.versionId()).contains("0c24b95c67534a3eb85c71854dc8a7bd");
    }

    @Test
    void aNewCertificateVersionRotatesItsBackingKey() {
        KeyEvent e = event(record(EVENT_GRID, 3));
        assertThat(e.key().nativeId()).isEqualTo("https://contoso-kv.vault.azure.net/keys/www-contoso");
        assertThat(e.versionId()).isEmpty();
        assertThat(e.attributes()).containsEntry("description", "backs certificate www-contoso");
    }

    @Test
    void theSubscriptionValidationEventIsIgnored() {
        List<DecodedRecord> decoded = TestRecords.decodeResource(EVENT_GRID);
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).startsWith("Microsoft.EventGrid.SubscriptionValidationEvent"));
    }

    @Test
    void withoutAnIdTheKeyComesFromVaultAndObjectName() {
        ObjectNode r = record(EVENT_GRID, 0);
        ((ObjectNode) r.get("data")).remove("Id");
        KeyEvent e = event(r);
        assertThat(e.key()).isEqualTo(PAYMENTS);
        assertThat(e.versionId()).contains("9a8b7c6d5e4f40312a1b0c9d8e7f6a5b");
    }

    @Test
    void anUnknownKeyVaultEventAboutAKeyIsUnclassified() {
        ObjectNode r = record(CLOUD_EVENTS, 1).put("type", "Microsoft.KeyVault.KeyRotationFailed");
        KeyEvent e = event(r);
        assertThat(e.action()).isEqualTo(Action.UNCLASSIFIED);
        assertThat(e.source().operation()).isEqualTo("Microsoft.KeyVault.KeyRotationFailed");

        ObjectNode secret = record(CLOUD_EVENTS, 6).put("type", "Microsoft.KeyVault.SecretRotationFailed");
        assertThat(TestRecords.decodeRecord(secret)).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
    }

    @Test
    void aCloudEventOfAnotherCloudIsNotTakenForAzure() {
        ObjectNode r = record(CLOUD_EVENTS, 0).put("type", "google.cloud.audit.log.v1.written");
        assertThat(new EventGridDecoder().recognises(r)).isFalse();
    }

    @Test
    void expiryDatesMayBeNumbersOrText() {
        ObjectNode r = record(EVENT_GRID, 1);
        ((ObjectNode) r.get("data")).put("EXP", 1772370000L);
        assertThat(event(r).attributes()).containsEntry("expiresAt", "2026-03-01T13:00:00Z");
    }
}
