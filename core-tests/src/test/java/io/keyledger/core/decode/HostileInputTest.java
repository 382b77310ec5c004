package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Inputs built to exhaust a reader: each is reported in KeyLedger's words, naming the record and the
 * field, and what follows it is still read. Regression tests of issue 15 (bombs, floods, huge fields and
 * lines, deep nesting, huge numbers).
 */
class HostileInputTest {

    private final List<JsonNode> records = new ArrayList<>();
    private final List<DecodedRecord.Malformed> malformed = new ArrayList<>();

    private long read(InputLimits limits, byte[] bytes) throws IOException {
        return read(limits, new ByteArrayInputStream(bytes));
    }

    private long read(InputLimits limits, InputStream in) throws IOException {
        return JsonRecords.read("in.json", in, limits, new JsonRecords.Sink() {
            @Override
            public void record(JsonNode record, RecordLocation at) {
                records.add(record);
            }

            @Override
            public void malformed(DecodedRecord.Malformed m) {
                malformed.add(m);
            }
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(InputStream content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            content.transferTo(out);
        }
        return bytes.toByteArray();
    }

    /** {@code n} bytes of one value, without holding them. */
    private static InputStream repeated(long n, byte value) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                return left-- > 0 ? value : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                Arrays.fill(b, off, off + k, value);
                left -= k;
                return k;
            }
        };
    }

    @Test
    void aGzipOfZerosWithoutALineBreakIsNeverHeldAndIsRefusedAsABomb() throws IOException {
        byte[] zeros = gzip(repeated(64L << 20, (byte) 0));

        read(InputLimits.DEFAULTS, zeros);

        assertThat(malformed).extracting(DecodedRecord.Malformed::message).last().asString()
                .contains("refused as a decompression bomb");
    }

    @Test
    void aGzipOfBlanksIsRefusedAsABombAfterAFewMegabytes() throws IOException {
        byte[] bomb = gzip(repeated(64L << 20, (byte) ' '));

        read(InputLimits.DEFAULTS, bomb);

        assertThat(malformed).last().extracting(DecodedRecord.Malformed::message).asString()
                .contains("expands more than 200 times").contains("refused as a decompression bomb")
                .contains("the rest of the input is not read");
    }

    @Test
    void aGzipFloodOfEmptyRecordsStopsAtTheRatioWithTheRecordsBeforeIt() throws IOException {
        byte[] flood = gzip(new ByteArrayInputStream(utf8("{}\n".repeat(2_000_000))));

        long n = read(InputLimits.DEFAULTS, flood);

        assertThat(records).isNotEmpty().allMatch(r -> r.isObject() && r.isEmpty());
        assertThat(n).isLessThan(1_000_000);
        assertThat(malformed).singleElement().extracting(DecodedRecord.Malformed::message).asString()
                .contains("refused as a decompression bomb");
    }

    @Test
    void decompressionStopsAtTheSizeLimitWhateverTheRatio() throws IOException {
        byte[] big = gzip(new ByteArrayInputStream(utf8("{\"a\":1}\n".repeat(300_000))));

        read(InputLimits.DEFAULTS.withMaxDecompressedBytes(1 << 20).withMaxCompressionRatio(10_000), big);

        assertThat(malformed).singleElement().extracting(DecodedRecord.Malformed::message).asString()
                .startsWith("decompresses to more than 1048576 bytes (the limit maxDecompressedBytes)");
    }

    @Test
    void aLineLongerThanARecordMayBeIsSkippedWithoutBeingHeldAndTheNextLineIsRead() throws IOException {
        String huge = "{\"userAgent\":\"" + "x".repeat(3 << 20) + "\"}";
        read(InputLimits.DEFAULTS, utf8("{\"a\":1}\n" + huge + "\n{\"a\":3}\n"));

        assertThat(records).extracting(r -> r.get("a").asInt()).containsExactly(1, 3);
        assertThat(malformed).singleElement().hasToString(
                "in.json record 2 (line 2): a record (line) larger than 1048576 bytes (the limit maxRecordBytes); skipped");
    }

    @Test
    void aFieldLongerThanTheLimitIsNamed() throws IOException {
        String line = "{\"eventTime\":\"2026-01-01T00:00:00Z\",\"actor\":{\"userAgent\":\"" + "x".repeat(100_000) + "\"}}";
        read(InputLimits.DEFAULTS, utf8(line + "\n{\"a\":2}\n"));

        assertThat(malformed).singleElement().hasToString("in.json record 1 (line 1): field 'actor.userAgent': "
                + "100000 characters, more than 65536 (the limit maxFieldChars)");
        assertThat(records).hasSize(1);
    }

    @Test
    void deepNestingIsReportedWithItsPathAndTheNextLineIsRead() throws IOException {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        String deeper = "[".repeat(100_000) + "]".repeat(100_000);
        read(InputLimits.DEFAULTS, utf8("{\"x\":1}\n" + deep + "\n" + deeper + "\n{\"x\":4}\n"));

        assertThat(records).extracting(r -> r.get("x").asInt()).containsExactly(1, 4);
        assertThat(malformed).extracting(Object::toString).containsExactly(
                "in.json record 2 (line 2): field 'a" + "[0]".repeat(63)
                        + "': nested deeper than 64 levels (the limit maxNestingDepth)",
                "in.json record 3 (line 3): nested deeper than 264 levels");
    }

    @Test
    void hugeNumbersAreRefusedUnreadAndLargeExponentsAreJustNumbers() throws IOException {
        read(InputLimits.DEFAULTS, utf8("{\"n\":" + "9".repeat(100_000) + "}\n{\"n\":1e999999999}\n"));

        assertThat(malformed).singleElement().hasToString(
                "in.json record 1 (line 1): field 'n': a number of 100000 characters, more than 64");
        assertThat(records).singleElement().satisfies(r -> assertThat(r.get("n").isNumber()).isTrue());
    }

    @Test
    void aDocumentSkipsARecordTooLargeAndReadsTheNextOne() throws IOException {
        String doc = "{\n \"Records\": [\n  {\"id\": 1},\n  {\"id\": 2, \"pad\": [" + "\"xxxxxxxxxx\",".repeat(200_000)
                + "0]},\n  {\"id\": 3}\n ]\n}\n";
        read(InputLimits.DEFAULTS, utf8(doc));

        assertThat(records).extracting(r -> r.get("id").asInt()).containsExactly(1, 3);
        assertThat(malformed).singleElement().hasToString(
                "in.json record 2 (Records[1]): a record larger than 1048576 bytes (the limit maxRecordBytes)");
    }

    @Test
    void invalidUtf8CostsOnlyItsLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("{\"a\":1}\n{\"a\":\""));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes(utf8("\"}\n{\"a\":3}\n"));
        read(InputLimits.DEFAULTS, bytes.toByteArray());

        assertThat(records).extracting(r -> r.get("a").asInt()).containsExactly(1, 3);
        assertThat(malformed).singleElement().hasToString("in.json record 2 (line 2): not UTF-8 text");
    }

    @Test
    void aZipArchiveIsNamedAsSuchAndNotOpened() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("zeros.json"));
            repeated(10 << 20, (byte) 0).transferTo(zip);
        }
        read(InputLimits.DEFAULTS, bytes.toByteArray());

        assertThat(malformed).singleElement().extracting(DecodedRecord.Malformed::message).asString()
                .startsWith("a ZIP archive");
    }

    @Test
    void aTruncatedGzipKeepsTheRecordsBeforeTheCutAndSaysSo() throws IOException {
        byte[] whole = gzip(new ByteArrayInputStream(utf8("{\"a\":1}\n".repeat(50_000))));
        read(InputLimits.DEFAULTS, Arrays.copyOf(whole, whole.length / 2));

        assertThat(records).isNotEmpty();
        assertThat(malformed).singleElement().extracting(DecodedRecord.Malformed::message).asString()
                .isEqualTo("the gzip data ends early (a truncated file?); the records before it were read");
        assertThat(malformed.get(0).toString()).doesNotContain("-1");
    }

    @Test
    void controlCharactersOfTheInputAreEscapedInMessages() throws IOException {
        String title = "\u001b]0;owned\u0007";
        read(InputLimits.DEFAULTS, utf8("{\"eventTime\":\"" + "\\u001b]0;owned\\u0007" + "\",\"n\":"
                + "1".repeat(70) + "}\n"));
        DecodedRecord.Malformed m = new DecodedRecord.Malformed(new RecordLocation("in" + title + ".json", 1, ""),
                "eventTime", "not a time: " + title);

        assertThat(m.toString()).doesNotContain("\u001b", "\u0007")
                .isEqualTo("in\\u001B]0;owned\\u0007.json record 1: field 'eventTime': not a time: \\u001B]0;owned\\u0007");
        assertThat(malformed).singleElement().satisfies(x -> assertThat(x.toString()).doesNotContain("\u001b"));
    }

    @Test
    void syntaxErrorsAreSaidInKeyLedgersWordsNotTheParsers() throws IOException {
        read(InputLimits.DEFAULTS, utf8("{\"a\":1}\n{\"a\": tru}\n{'a':1}\n{\"a\":\"x\u0001\"}\n"));

        assertThat(malformed).extracting(DecodedRecord.Malformed::message).containsExactly(
                "not valid JSON: unexpected text 'tru'",
                "not valid JSON: unexpected character '''",
                "not valid JSON: the control character U+0001 must be escaped");
        assertThat(malformed).extracting(DecodedRecord.Malformed::message)
                .noneMatch(m -> m.contains("Jackson") || m.contains("code") || m.contains("expecting"));
    }

    @Test
    void limitsBeyondTheHardCapsAreRefusedNamingTheLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputLimits.DEFAULTS.withMaxRecordBytes(64 << 20))
                .hasMessage("maxRecordBytes must be from 1024 to 16777216, was 67108864");
        assertThat(InputLimits.DEFAULTS.loosest(InputLimits.DEFAULTS.withMaxFieldChars(1 << 20)).maxFieldChars())
                .isEqualTo(1 << 20);
    }
}
