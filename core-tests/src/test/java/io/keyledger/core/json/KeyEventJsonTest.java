package io.keyledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.Provider;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyEventJsonTest {

    private static final SourcePointer FROM_FILE = new SourcePointer("file", "events.jsonl:3", "");

    private static final String FULL = """
            {"eventId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111","eventTime":"2026-01-15T09:00:00Z","action":"DISABLE",
             "key":{"provider":"aws","accountScope":"111122223333","location":"us-east-1",
                    "nativeId":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
             "actor":{"principal":"arn:aws:iam::111122223333:user/alice","type":"USER","sourceIp":"198.51.100.7",
                      "userAgent":"aws-cli/2.15.0","invokedBy":null},
             "outcome":{"status":"SUCCESS"},
             "attributes":{"nativeState":"Disabled","tag.CostCenter":"1234"},
             "source":{"kind":"cloudtrail","location":"s3://trail/2026/01/15/file.json.gz","operation":"DisableKey"}}
            """.replace("\n", "");

    @Test
    void readsAFullEvent() {
        KeyEvent e = KeyEventJson.read(FULL, FROM_FILE);

        assertThat(e.eventId()).isEqualTo("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(e.action()).isEqualTo(Action.DISABLE);
        assertThat(e.provider()).isEqualTo(Provider.AWS);
        assertThat(e.key().id()).isEqualTo("aws:arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(e.actor().type()).isEqualTo(ActorType.USER);
        assertThat(e.actor().sourceIp()).contains("198.51.100.7");
        assertThat(e.actor().invokedBy()).isEmpty();
        assertThat(e.attributes()).containsEntry("nativeState", "Disabled").containsEntry("tag.CostCenter", "1234");
        assertThat(e.source().operation()).isEqualTo("DisableKey");
    }

    @Test
    void optionalPartsHaveDefaults() {
        KeyEvent e = KeyEventJson.read("""
                {"eventId":"e1","eventTime":"2026-01-15T09:00:00Z","action":"create",
                 "key":{"provider":"GCP","accountScope":"proj","location":"global/ring","nativeId":"projects/proj/locations/global/keyRings/ring/cryptoKeys/k"}}
                """, FROM_FILE);

        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.actor().principal()).isEqualTo("unknown");
        assertThat(e.attributes()).isEmpty();
        assertThat(e.source()).isEqualTo(FROM_FILE);
        assertThat(e.versionId()).isEmpty();
    }

    @Test
    void readsAFailedCall() {
        KeyEvent e = KeyEventJson.read(FULL.replace("{\"status\":\"SUCCESS\"}",
                "{\"status\":\"FAILURE\",\"errorCode\":\"AccessDeniedException\",\"message\":\"denied\"}"), FROM_FILE);

        assertThat(e.succeeded()).isFalse();
        assertThat(e.outcome()).isEqualTo(Outcome.failure("AccessDeniedException", "denied"));
    }

    @Test
    void writtenEventsReadBackEqual() {
        KeyEvent e = KeyEventJson.read(FULL, FROM_FILE);

        assertThat(KeyEventJson.read(KeyEventJson.write(e), FROM_FILE)).isEqualTo(e);
        assertThat(Json.read(KeyEventJson.write(e), KeyEvent.class)).isEqualTo(e);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing event id            | \"eventId\":\"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\",  |                            | eventId",
            "event time not an instant   | 2026-01-15T09:00:00Z                                    | yesterday                  | eventTime",
            "unknown action              | \"DISABLE\"                                             | \"SHRED\"                  | action",
            "unknown provider            | \"provider\":\"aws\"                                    | \"provider\":\"oracle\"    | key.provider",
            "blank native id             | \"nativeId\":\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\" | \"nativeId\":\"  \" | key.nativeId",
            "unknown attribute           | \"tag.CostCenter\"                                      | \"colour\"                 | attributes.colour",
            "bad attribute value         | \"nativeState\":\"Disabled\"                            | \"state\":\"HALF_ALIVE\"   | attributes.state",
            "attribute not a string      | \"1234\"                                                | {\"a\":1}                  | attributes.tag.CostCenter",
            "unknown actor type          | \"USER\"                                                | \"ALIEN\"                  | actor.type",
            "unknown outcome             | \"SUCCESS\"                                             | \"MAYBE\"                  | outcome.status",
            "event id not a string       | \"eventId\":\"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\"    | \"eventId\":42             | eventId"})
    void aMalformedRecordNamesTheField(String why, String from, String to, String field) {
        String json = FULL.replace(from.trim(), to == null ? "" : to.trim());

        assertThatThrownBy(() -> KeyEventJson.read(json, FROM_FILE))
                .isInstanceOfSatisfying(RecordFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void aTruncatedRecordIsReportedAsInvalidJson() {
        String truncated = FULL.substring(0, FULL.length() / 2);

        assertThatThrownBy(() -> KeyEventJson.read(truncated, FROM_FILE))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void aRecordThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> KeyEventJson.read("[1,2]", FROM_FILE))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> KeyEventJson.read("", FROM_FILE)).isInstanceOf(RecordFormatException.class);
    }

    @Test
    void aMissingKeyIsNamed() {
        String json = FULL.replaceAll("\"key\":\\{[^}]*},", "");

        assertThatThrownBy(() -> KeyEventJson.read(json, FROM_FILE))
                .isInstanceOfSatisfying(RecordFormatException.class, e -> assertThat(e.field()).isEqualTo("key"));
    }
}
