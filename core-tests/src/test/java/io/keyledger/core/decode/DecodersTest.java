package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A decoder's fault is the record's report; a fault of whoever takes the records is theirs. */
class DecodersTest {

    private static final String LINES = "{\"kind\":\"a\"}\n{\"kind\":\"b\"}\n";

    /** Recognises every record; fails on kind b. */
    private static final EventDecoder FAILS_ON_B = new EventDecoder() {
        @Override
        public String format() {
            return "test-format";
        }

        @Override
        public boolean recognises(JsonNode record) {
            return true;
        }

        @Override
        public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
            if (record.path("kind").asString().equals("b")) {
                throw new IllegalStateException("decoder bug");
            }
            out.accept(new DecodedRecord.Ignored(at, "kind a"));
        }
    };

    private static void read(Consumer<DecodedRecord> out) throws IOException {
        Decoders.of(List.of(FAILS_ON_B)).read("in.jsonl", new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)),
                out);
    }

    @Test
    void aDecoderThatFailsMakesItsRecordMalformedAndTheNextIsRead() throws IOException {
        List<String> seen = new ArrayList<>();

        read(r -> seen.add(r.getClass().getSimpleName() + (r instanceof DecodedRecord.Malformed m ? " " + m.message() : "")));

        assertThat(seen).containsExactly("Ignored",
                "Malformed test-format record could not be decoded (an unexpected value; please report this record)");
    }

    /**
     * Regression (the crash harness, concurrent ingests): the CLI applies a batch from inside the records' consumer,
     * and a busy database failing it was reported as "record could not be decoded ... please report this record".
     */
    @Test
    void whatTheConsumerThrowsIsThrownOnNotReportedAsTheRecordsFault() {
        assertThatThrownBy(() -> read(r -> {
            throw new IllegalStateException("database is locked");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database is locked");
    }
}
