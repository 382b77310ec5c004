package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonRecordsTest {

    private final List<String> seen = new ArrayList<>();

    private long read(byte[] bytes) throws IOException {
        return JsonRecords.read("in.json", new ByteArrayInputStream(bytes), new JsonRecords.Sink() {
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

    private long read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonLinesAreReadOneByOneAndABadLineCostsOnlyItself() throws IOException {
        long n = read("{\"a\":1}\n\n{\"a\":\n{\"a\":3}\n");

        assertThat(n).isEqualTo(3);
        assertThat(seen).containsExactly("in.json record 1 (line 1) {\"a\":1}",
                "MALFORMED in.json record 2 (line 3): not valid JSON: the text ends inside a value (truncated?)",
                "in.json record 3 (line 4) {\"a\":3}");
    }

    @Test
    void aCloudTrailStyleEnvelopeIsOpened() throws IOException {
        read("{\"Records\":[{\"eventID\":\"1\"},{\"eventID\":\"2\"}]}");

        assertThat(seen).containsExactly("in.json record 1 (line 1 Records[0]) {\"eventID\":\"1\"}",
                "in.json record 2 (line 1 Records[1]) {\"eventID\":\"2\"}");
    }

    @Test
    void aPrettyPrintedDocumentIsStreamedAndItsEnvelopeOpened() throws IOException {
        read("{\n  \"records\": [\n    {\"operationName\": \"KeyCreate\"},\n    {\"operationName\": \"KeyDelete\"}\n  ]\n}\n");

        assertThat(seen).containsExactly("in.json record 1 (records[0]) {\"operationName\":\"KeyCreate\"}",
                "in.json record 2 (records[1]) {\"operationName\":\"KeyDelete\"}");
    }

    @Test
    void aTruncatedFileHandsOnEveryRecordBeforeTheCut() throws IOException {
        read("{\n \"Records\": [\n  {\"eventID\": \"1\"},\n  {\"eventID\": \"2\"},\n  {\"eventID\": \"3\", \"even");

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).contains("{\"eventID\":\"1\"}");
        assertThat(seen.get(1)).contains("{\"eventID\":\"2\"}");
        assertThat(seen.get(2)).startsWith("MALFORMED in.json record 3 (line 5, column")
                .contains("not valid JSON: the text ends inside a value (truncated?); the rest of the input is not read");
    }

    @Test
    void aTopLevelArrayIsOpened() throws IOException {
        read("[\n {\"id\": \"a\"},\n {\"id\": \"b\"}\n]");

        assertThat(seen).extracting(s -> s.substring(s.indexOf('{'))).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    }

    @Test
    void anObjectWithoutEnvelopeIsOneRecordEvenWhenPrettyPrinted() throws IOException {
        read("{\n \"detail-type\": \"AWS API Call via CloudTrail\",\n \"detail\": {\"eventName\": \"DisableKey\"}\n}");

        assertThat(seen).containsExactly(
                "in.json record 1 {\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"DisableKey\"}}");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(read(bytes.toByteArray())).isEqualTo(2);
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        read("\uFEFF{\"a\":1}\n");

        assertThat(seen).containsExactly("in.json record 1 (line 1) {\"a\":1}");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedNotReplaced() throws IOException {
        read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xe9, '"', '}', '\n'});

        assertThat(seen).singleElement().asString().startsWith("MALFORMED").contains("not UTF-8 text");
    }

    @Test
    void emptyAndBlankInputsHaveNoRecords() throws IOException {
        assertThat(read("")).isZero();
        assertThat(read("\n  \n")).isZero();
        assertThat(seen).isEmpty();
    }
}
