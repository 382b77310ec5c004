package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.RecordFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a record that cannot be decoded is reported: where it is, which field, what is wrong, in one wording. */
class DecodedRecordTest {

    private static final RecordLocation AT = new RecordLocation("trail.json", 2, "Records[1]");

    @Test
    void aBadFieldNamesTheRecordAndTheField() {
        List<DecodedRecord> out = DecodedRecord.orMalformed(AT, "", "CloudTrail record", () -> {
            throw new RecordFormatException("requestParameters.keyId", "expected a string, was a number");
        });

        assertThat(out).singleElement().isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.field()).isEqualTo("requestParameters.keyId");
            assertThat(m.message()).isEqualTo("expected a string, was a number");
            assertThat(m).hasToString("trail.json record 2 (Records[1]): field 'requestParameters.keyId': "
                    + "expected a string, was a number");
        });
    }

    @Test
    void valuesThatMakeNoValidEventAreAProblemOfTheRecord() {
        List<DecodedRecord> out = DecodedRecord.orMalformed(AT, "data", "Cloud Audit Log entry", () -> {
            throw new IllegalArgumentException("eventId must not be blank");
        });

        assertThat(out).singleElement().hasToString(
                "trail.json record 2 (Records[1]): field 'data': Cloud Audit Log entry cannot become a key event: "
                        + "eventId must not be blank");
    }

    @Test
    void whatDecodesIsHandedOnAndOtherFailuresAreNotHidden() {
        DecodedRecord ignored = new DecodedRecord.Ignored(AT, "not KMS");

        assertThat(DecodedRecord.orMalformed(AT, "", "x", () -> List.of(ignored))).containsExactly(ignored);
        assertThatThrownBy(() -> DecodedRecord.orMalformed(AT, "", "x", () -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecordAsAWholeIsNamedWithoutAField() {
        DecodedRecord.Malformed m = DecodedRecord.Malformed.of(AT, new RecordFormatException("", "expected a JSON object"));

        assertThat(m).hasToString("trail.json record 2 (Records[1]): expected a JSON object");
    }
}
