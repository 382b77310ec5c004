package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What fuzzing {@link JsonRecords} found (bench/fuzz.sh), each pinned here in plain words; the inputs themselves
 * are replayed by {@code RecordReadingFuzzTest} in the tests module.
 */
class JsonRecordsFuzzFindingsTest {

    private final List<String> seen = new ArrayList<>();

    private void read(byte[] bytes) throws IOException {
        JsonRecords.read("in.json", new ByteArrayInputStream(bytes), new JsonRecords.Sink() {
            @Override
            public void record(JsonNode record, RecordLocation at) {
                seen.add(at + " " + record);
            }

            @Override
            public void malformed(DecodedRecord.Malformed malformed) {
                seen.add("MALFORMED " + malformed);
            }
        });
    }

    /**
     * Zero bytes at the start of a line made the JSON parser take the line for UTF-32 and fail with an I/O error:
     * the whole input was reported unreadable ("Invalid UTF-32 character") and its later records lost. Seed:
     * {@code RecordReadingFuzzTestInputs/jsonRecords/zero-bytes-start-a-line}.
     */
    @Test
    void zeroBytesAtTheStartOfALineMakeOneBadLineNotAnUnreadableInput() throws IOException {
        byte[] lines = "{\"a\":1}\n\0\0\0\0{\"b\":2}\n{\"c\":3}\n".getBytes(StandardCharsets.UTF_8);

        read(lines);

        assertThat(seen).containsExactly("in.json record 1 (line 1) {\"a\":1}",
                "MALFORMED in.json record 2 (line 2): not valid JSON: unexpected character U+0000",
                "in.json record 3 (line 3) {\"c\":3}");
    }

    @Test
    void zeroBytesOpeningTheInputAreASyntaxErrorNotAnUnreadableInput() throws IOException {
        read("\0\0\0\0{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(seen).singleElement().asString().startsWith("MALFORMED in.json record 1 (line 1, column 1)")
                .contains("not valid JSON");
    }
}
