package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityLogDecoderTest {

    private static final String LOG = "/azure/activitylog/activity-log.jsonl";

    private static List<DecodedRecord> decoded() {
        return TestRecords.decodeResource(LOG);
    }

    @Test
    void everyOperationBecomesWhatTheMappingSays() throws IOException {
        List<DecodedRecord> decoded = decoded();
        List<String> expected;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/azure/activitylog/activity-log.expected"), StandardCharsets.UTF_8))) {
            expected = r.lines().filter(l -> !l.isBlank()).toList();
        }
        assertThat(decoded).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String[] row = expected.get(i).split("\t");
            DecodedRecord d = decoded.get(i);
            String actual = d instanceof DecodedRecord.Event e ? e.event().action().name()
                    : d instanceof DecodedRecord.Ignored ? "Ignored" : d.toString();
            assertThat(actual).as(row[0] + " " + row[1] + " (line " + (i + 1) + ")").isEqualTo(row[2]);
            assertThat(d.at().detail()).isEqualTo("line " + (i + 1));
        }
    }

    @Test
    void resourceManagersKeyWriteIsAHistoryEntryOfTheKey() {
        KeyEvent e = ((DecodedRecord.Event) decoded().get(4)).event();

        assertThat(e.key()).isEqualTo(new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-kv",
                "https://contoso-kv.vault.azure.net/keys/payments-cmk"));
        assertThat(e.action()).isEqualTo(Action.METADATA);
        assertThat(e.attributes()).isEmpty();
        assertThat(e.actor().principal()).isEqualTo("carol@contoso.com");
        assertThat(e.actor().type()).isEqualTo(ActorType.USER);
        assertThat(e.actor().sourceIp()).contains("203.0.113.44");
        assertThat(e.source().kind()).isEqualTo("azure-activity");
        assertThat(e.source().operation()).isEqualTo("MICROSOFT.KEYVAULT/VAULTS/KEYS/WRITE");
        assertThat(e.eventId()).hasSize(64);
    }

    @Test
    void aFailedWriteCarriesItsSignature() {
        KeyEvent e = ((DecodedRecord.Event) decoded().get(5)).event();
        assertThat(e.outcome()).isEqualTo(Outcome.failure("Failed.Forbidden", ""));
    }

    @Test
    void aManagedHsmKeyLivesUnderTheHsmsHost() {
        KeyEvent e = ((DecodedRecord.Event) decoded().get(7)).event();
        assertThat(e.key().nativeId()).isEqualTo("https://contoso-mhsm.managedhsm.azure.net/keys/tde-root");
        assertThat(e.key().location()).isEqualTo("contoso-mhsm");
    }

    @Test
    void vaultLevelRecordsSayWhyTheyAreIgnored() {
        assertThat(decoded().get(8)).isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).contains("vault-level"));
        assertThat(decoded().get(3)).isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).contains("Start record"));
    }

    @Test
    void auditEventsAreNotTakenForActivityRecords() {
        var auditRecord = TestRecords.record("/azure/auditevent/operations.json", 0);
        assertThat(new ActivityLogDecoder().recognises(auditRecord)).isFalse();
        assertThat(new KeyVaultAuditDecoder().recognises(auditRecord)).isTrue();
    }
}
