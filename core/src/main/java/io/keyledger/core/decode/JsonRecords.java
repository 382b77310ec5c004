package io.keyledger.core.decode;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.zip.ZipException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an input (plain or gzip) into JSON records, opening the envelopes the providers wrap them in:
 * a top-level array, or an object's {@code Records} / {@code records} array (CloudTrail log files, SQS
 * and S3 notifications, Azure diagnostic logs). Two layouts are read:
 * <ul>
 *   <li>JSON lines: one complete value per line. A bad line is reported and the next line read.</li>
 *   <li>A document (pretty-printed, or values spanning lines, or a first line longer than a record may be):
 *       streamed, so that envelope arrays are never held whole; a syntax error (a truncated file) is
 *       reported with its line and column and ends the input, after every record before it was handed on.</li>
 * </ul>
 *
 * <p>Nothing is held beyond the {@link InputLimits}: a record larger than {@code maxRecordBytes}, nested
 * deeper than {@code maxNestingDepth}, with a text longer than {@code maxFieldChars} or a number longer than
 * {@value InputLimits#MAX_NUMBER_CHARS} characters is reported (naming the field) and skipped without being
 * built; a gzip input that expands past its limits is refused as a decompression bomb. Every message is in
 * KeyLedger's words, never the JSON parser's.
 */
public final class JsonRecords {

    /** Receives each record, or each part of the input that is not valid JSON. */
    public interface Sink {
        void record(JsonNode record, RecordLocation at);

        void malformed(DecodedRecord.Malformed malformed);
    }

    /** The end of every message that stops reading an input before its end. */
    static final String REST_NOT_READ = "the rest of the input is not read";
    static final String READ_BEFORE = "the records before it were read";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ZIP_MAGIC = 0x504B0304;
    private static final int EMPTY_ZIP_MAGIC = 0x504B0506;
    /** How many tokens may pass between two checks of a record's size: bounds the overshoot, spares the cost. */
    private static final int SIZE_CHECK_EVERY = 64;

    private final String input;
    private final Sink sink;
    private final InputLimits limits;
    private final JsonFactory json;
    private long index;
    /** Whether no other read is under way on this thread (a sink may read nested inputs): it may reuse buffers. */
    private boolean outermost;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private JsonRecords(String input, Sink sink, InputLimits limits) {
        this.input = input;
        this.sink = sink;
        this.limits = limits;
        this.json = FACTORIES.apply(limits);
    }

    /**
     * One parser factory per set of limits, kept: a factory holds the table of field names its parsers share, which
     * a new factory per input would build again each time.
     */
    private static final BoundedMemo<InputLimits, JsonFactory> FACTORIES = new BoundedMemo<>(64, JsonRecords::factory);

    /** The parser's own limits sit above KeyLedger's, so that KeyLedger's checks, which name the field, come first. */
    private static JsonFactory factory(InputLimits limits) {
        int longest = Math.max(limits.maxRecordBytes(), limits.maxFieldChars()) + 1;
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(InputLimits.HARD_CAPS.maxNestingDepth() + 8)
                .maxStringLength(longest).maxNameLength(longest).maxNumberLength(longest)
                .maxDocumentLength(-1).build()).build();
    }

    /**
     * Whether a malformed record stopped its input: a bomb, a truncated or damaged file, a syntax error in a
     * document, an archive. Such a message is always worth showing, however many records were reported before.
     */
    public static boolean endsInput(DecodedRecord.Malformed m) {
        return m.message().endsWith(REST_NOT_READ) || m.message().endsWith(READ_BEFORE);
    }

    /** Reads every record of {@code in} within the default limits. */
    public static long read(String input, InputStream in, Sink sink) throws IOException {
        return read(input, in, InputLimits.DEFAULTS, sink);
    }

    /**
     * Reads every record of {@code in} (gzip is recognised by its magic bytes).
     *
     * @param input the input's name, for locations
     * @return the number of records handed on (malformed ones included)
     * @throws IOException when the input cannot be read at all (the operating system's error)
     */
    public static long read(String input, InputStream in, InputLimits limits, Sink sink) throws IOException {
        JsonRecords records = new JsonRecords(input, sink, limits);
        int[] depth = DEPTH.get();
        records.outermost = depth[0]++ == 0;
        try {
            records.readAll(in);
        } catch (BoundedGzip.Bomb e) {
            records.malformed(records.index + 1, "", e.getMessage() + "; " + REST_NOT_READ);
        } catch (EOFException e) {
            records.malformed(records.index + 1, "", "the gzip data ends early (a truncated file?); " + READ_BEFORE);
        } catch (CharacterCodingException e) {
            records.malformed(records.index + 1, "", "not UTF-8 text; " + REST_NOT_READ);
        } catch (ZipException e) {
            records.malformed(records.index + 1, "", "the gzip data is damaged; " + READ_BEFORE);
        } finally {
            depth[0]--;
        }
        return records.index;
    }

    private void readAll(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(4);
        int magic = 0;
        int seen = 0;
        for (int i = 0; i < 4; i++) {
            int b = buffered.read();
            if (b < 0) {
                break;
            }
            magic = (magic << 8) | b;
            seen++;
        }
        buffered.reset();
        if (seen == 4 && (magic == ZIP_MAGIC || magic == EMPTY_ZIP_MAGIC)) {
            malformed(1, "", "a ZIP archive: KeyLedger reads JSON, plain or gzip; unpack the archive and ingest "
                    + "its files; " + REST_NOT_READ);
            return;
        }
        boolean gzip = seen >= 2 && (magic >>> ((seen - 2) * 8) & 0xFFFF) == 0x1F8B;
        InputStream in = gzip ? new BoundedGzip(buffered, limits) : buffered;
        LineInput lines = new LineInput(in, outermost);
        long line = 0;
        LineInput.Line first;
        do {
            first = lines.next(limits.maxRecordBytes());
            line++;
        } while (first != null && first.complete() && blank(first, line == 1));
        if (first == null) {
            return;
        }
        int bom = line == 1 ? bom(first) : 0;
        if (first.complete() && Utf8.valid(first.bytes(), bom, first.length()) && isOneValue(first, bom)) {
            readCheckedLine(first, bom, line);
            readLines(lines, line);
        } else if (!first.complete() && !opensEnvelope(first, bom)) {
            // One line longer than a record may be, and no envelope to stream: JSON lines with a huge first record.
            lines.skipLine();
            tooLarge(line);
            readLines(lines, line);
        } else {
            readDocument(lines.rest(first.bytes(), first.length(), first.complete()), line - 1, bom);
        }
    }

    /**
     * Whether one of the first four bytes is zero. The parser takes such bytes for UTF-16 or UTF-32 text and fails
     * with an I/O error, which would make the whole input unreadable (found by fuzzing); JSON in UTF-8 never holds
     * a zero byte, so the line is simply not JSON.
     */
    private static boolean zeroByteFirst(byte[] b, int from, int to) {
        for (int i = from; i < Math.min(to, from + 4); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static int bom(LineInput.Line line) {
        byte[] b = line.bytes();
        return line.length() >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    private static boolean blank(LineInput.Line line, boolean first) {
        if (first && bom(line) == 3) {
            for (int i = 3; i < line.length(); i++) {
                byte b = line.bytes()[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
        return line.blank();
    }

    /** Whether a line holds exactly one JSON value: if so the input is JSON lines. */
    private boolean isOneValue(LineInput.Line line, int offset) throws IOException {
        if (zeroByteFirst(line.bytes(), offset, line.length())) {
            return false;
        }
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), line.bytes(), offset, line.length() - offset)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (JacksonException e) {
            // A value too deep or too long for the parser is still one value: the line reports it.
            rethrowIo(e);
            return e instanceof StreamConstraintsException;
        }
    }

    /** JSON lines: every line on its own, so that one bad line costs only itself. */
    private void readLines(LineInput lines, long firstLine) throws IOException {
        long line = firstLine;
        while (true) {
            LineInput.Line text = lines.next(limits.maxRecordBytes());
            if (text == null) {
                return;
            }
            line++;
            if (!text.complete()) {
                lines.skipLine();
                tooLarge(line);
                continue;
            }
            if (!text.blank()) {
                readLine(text, 0, line);
            }
        }
    }

    private void tooLarge(long line) {
        malformed(index + 1, "line " + line, "a record (line) larger than " + limits.maxRecordBytes()
                + " bytes (the limit maxRecordBytes); skipped");
    }

    /** Whether a line starts an envelope ({@code [} or {@code {"Records": [}), whose records can be streamed. */
    private static boolean opensEnvelope(LineInput.Line line, int from) {
        byte[] b = line.bytes();
        int i = skipBlanks(b, from, line.length());
        if (i < line.length() && b[i] == '[') {
            return true;
        }
        if (i >= line.length() || b[i] != '{') {
            return false;
        }
        i = skipBlanks(b, i + 1, line.length());
        for (String name : new String[] {"\"Records\"", "\"records\""}) {
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            if (i + n.length <= line.length() && java.util.Arrays.equals(b, i, i + n.length, n, 0, n.length)) {
                int j = skipBlanks(b, i + n.length, line.length());
                if (j < line.length() && b[j] == ':') {
                    j = skipBlanks(b, j + 1, line.length());
                    return j < line.length() && b[j] == '[';
                }
            }
        }
        return false;
    }

    private static int skipBlanks(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private void readLine(LineInput.Line text, int offset, long line) throws IOException {
        if (!Utf8.valid(text.bytes(), offset, text.length())) {
            malformed(index + 1, "line " + line, "not UTF-8 text");
            return;
        }
        readCheckedLine(text, offset, line);
    }

    /** A line already found to be UTF-8. */
    private void readCheckedLine(LineInput.Line text, int offset, long line) throws IOException {
        String detail = "line " + line;
        if (zeroByteFirst(text.bytes(), offset, text.length())) {
            malformed(index + 1, detail, "not valid JSON: unexpected character U+0000");
            return;
        }
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), text.bytes(), offset, text.length() - offset)) {
            readValue(p, p.nextToken(), detail);
            if (p.nextToken() != null) {
                malformed(index + 1, detail, "text after the JSON value (one value per line)");
            }
        } catch (JacksonException e) {
            rethrowIo(e);
            malformed(index + 1, detail, JsonSyntax.describe(e));
        }
    }

    /** A document: streamed token by token, envelope arrays element by element. */
    private void readDocument(InputStream in, long lineOffset, int bom) throws IOException {
        if (bom > 0) {
            in.skipNBytes(bom);
        }
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(4);
        boolean zero = false;
        for (int i = 0; i < 4; i++) {
            int b = buffered.read();
            zero |= b == 0;
        }
        buffered.reset();
        // Parsed from the bytes, checked as UTF-8 on the way; but text with NULs near its start (UTF-16, say)
        // is decoded strictly first, as the byte parser would take it for another encoding.
        // Made inside the try: the byte parser reads its first bytes (and may find them not UTF-8) as it is made.
        try (JsonParser p = zero
                ? json.createParser(ObjectReadContext.empty(), new InputStreamReader(buffered,
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))
                : json.createParser(ObjectReadContext.empty(), new Utf8Checked(buffered))) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                readValue(p, token, "");
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                malformed(index + 1, "", "not UTF-8 text; " + REST_NOT_READ);
                return;
            }
            rethrowIo(e);
            malformed(index + 1, JsonSyntax.place(e, lineOffset), JsonSyntax.describe(e) + "; " + REST_NOT_READ);
        }
    }

    /** One top-level value: an envelope whose records are handed on one by one, or one record. */
    private void readValue(JsonParser p, JsonToken token, String detail) {
        if (token == JsonToken.START_ARRAY) {
            streamArray(p, detail, "");
        } else if (token == JsonToken.START_OBJECT) {
            readTopObject(p, detail);
        } else {
            record(p, detail);
        }
    }

    private void readTopObject(JsonParser p, String detail) {
        long start = offset(p);
        ObjectNode envelope = NODES.objectNode();
        Violation violation = null;
        boolean opened = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!opened && value == JsonToken.START_ARRAY && ("Records".equals(name) || "records".equals(name))) {
                streamArray(p, detail, name);
                opened = true;
                continue;
            }
            if (violation != null || opened) {
                p.skipChildren();
                continue;
            }
            Built built = new Builder(p, start, 1).build();
            if (built.violation() != null) {
                violation = built.violation();
            } else if (name.length() > limits.maxFieldChars()) {
                violation = new Violation("", "a member name of " + name.length() + " characters, more than "
                        + limits.maxFieldChars() + " (the limit maxFieldChars)");
            } else {
                envelope.set(name, built.node());
            }
        }
        if (opened) {
            return;
        }
        RecordLocation at = new RecordLocation(input, ++index, detail);
        if (violation != null) {
            sink.malformed(new DecodedRecord.Malformed(at, violation.field(), violation.reason()));
        } else {
            sink.record(envelope, at);
        }
    }

    private void streamArray(JsonParser p, String detail, String name) {
        int i = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return;
            }
            String where = name + "[" + i++ + "]";
            record(p, detail.isEmpty() ? where : detail + " " + where);
        }
    }

    /** Builds one record at the parser's current token and hands it on, or reports the limit it breaks. */
    private void record(JsonParser p, String detail) {
        Built built = new Builder(p, offset(p), 0).build();
        RecordLocation at = new RecordLocation(input, ++index, detail);
        if (built.violation() != null) {
            sink.malformed(new DecodedRecord.Malformed(at, built.violation().field(), built.violation().reason()));
        } else {
            sink.record(built.node(), at);
        }
    }

    private static long offset(JsonParser p) {
        TokenStreamLocation at = p.currentTokenLocation();
        return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }

    private static long position(JsonParser p) {
        TokenStreamLocation at = p.currentLocation();
        return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }

    private void malformed(long at, String detail, String message) {
        index = Math.max(index, at);
        sink.malformed(new DecodedRecord.Malformed(new RecordLocation(input, at, detail), "", message));
    }

    /** An I/O error met by the parser is the input's, not the JSON's: it goes to the caller as such. */
    private static void rethrowIo(JacksonException e) throws IOException {
        if (e instanceof JacksonIOException && e.getCause() instanceof IOException io) {
            throw io;
        }
    }

    /** A limit a record breaks, with the field at fault (empty for the whole record). */
    private record Violation(String field, String reason) {
    }

    private record Built(JsonNode node, Violation violation) {
    }

    /**
     * Builds one value from the parser, token by token and without recursion, checking the limits as it
     * goes; once one is broken it stops building and only skips to the value's end.
     */
    private final class Builder {
        private final JsonParser p;
        private final long start;
        private final int baseDepth;
        private final int recordDepth;
        private final int pathStop;
        private int tokens;

        /** @param depthInRecord how deep the value starts inside its record (a member of a top-level object: 1) */
        Builder(JsonParser p, long start, int depthInRecord) {
            this.p = p;
            this.start = start;
            int depth = p.streamReadContext().getNestingDepth();
            this.baseDepth = p.currentToken().isStructStart() ? depth - 1 : depth;
            this.recordDepth = depthInRecord;
            this.pathStop = baseDepth - depthInRecord;
        }

        Built build() {
            JsonToken token = p.currentToken();
            if (!token.isStructStart()) {
                Violation v = scalarViolation(token);
                return v != null ? new Built(null, v) : new Built(scalar(token), null);
            }
            Deque<ContainerNode<?>> open = new ArrayDeque<>();
            // A record's own object has a few dozen members: sized for them at once, not grown twice.
            ContainerNode<?> root = recordDepth == 0 && token == JsonToken.START_OBJECT
                    ? new ObjectNode(NODES, new LinkedHashMap<>(32)) : container(token);
            open.push(root);
            Violation v = depthViolation();
            String name = null;
            while (v == null && !open.isEmpty()) {
                token = p.nextToken();
                if (token == null) {
                    return new Built(null, new Violation("", "the JSON ends inside this record (a truncated input?)"));
                }
                switch (token) {
                    case PROPERTY_NAME -> {
                        name = p.currentName();
                        if (name.length() > limits.maxFieldChars()) {
                            v = new Violation(path(), "a member name of " + name.length() + " characters, more than "
                                    + limits.maxFieldChars() + " (the limit maxFieldChars)");
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        ContainerNode<?> child = container(token);
                        add(open.peek(), name, child);
                        open.push(child);
                        v = depthViolation();
                    }
                    case END_OBJECT, END_ARRAY -> open.pop();
                    default -> {
                        v = scalarViolation(token);
                        if (v == null) {
                            add(open.peek(), name, scalar(token));
                        }
                    }
                }
                if (v == null && ++tokens % SIZE_CHECK_EVERY == 0) {
                    v = sizeViolation();
                }
            }
            if (v == null) {
                v = sizeViolation();
            }
            if (v != null) {
                skipRest(open.size());
                return new Built(null, v);
            }
            return new Built(root, null);
        }

        private void skipRest(int openContainers) {
            int depth = openContainers;
            while (depth > 0) {
                JsonToken token = p.nextToken();
                if (token == null) {
                    return;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }

        private Violation depthViolation() {
            int depth = p.streamReadContext().getNestingDepth() - baseDepth + recordDepth;
            if (depth > limits.maxNestingDepth()) {
                return new Violation(path(), "nested deeper than " + limits.maxNestingDepth()
                        + " levels (the limit maxNestingDepth)");
            }
            return null;
        }

        private Violation sizeViolation() {
            if (position(p) - start > limits.maxRecordBytes()) {
                return new Violation("", "a record larger than " + limits.maxRecordBytes()
                        + " bytes (the limit maxRecordBytes)");
            }
            return null;
        }

        private Violation scalarViolation(JsonToken token) {
            if (token == JsonToken.VALUE_STRING) {
                int length = p.getStringLength();
                if (length > limits.maxFieldChars()) {
                    return new Violation(path(), length + " characters, more than " + limits.maxFieldChars()
                            + " (the limit maxFieldChars)");
                }
                if (length > 1024) {
                    return sizeViolation();
                }
            } else if (token.isNumeric() && p.getTextLength() > InputLimits.MAX_NUMBER_CHARS) {
                return new Violation(path(), "a number of " + p.getTextLength() + " characters, more than "
                        + InputLimits.MAX_NUMBER_CHARS);
            }
            return null;
        }

        private JsonNode scalar(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> NODES.stringNode(p.getString());
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                default -> NODES.nullNode();
            };
        }

        private ContainerNode<?> container(JsonToken token) {
            return token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        }

        private void add(ContainerNode<?> parent, String name, JsonNode child) {
            if (parent instanceof ObjectNode o) {
                o.set(name, child);
            } else {
                ((ArrayNode) parent).add(child);
            }
        }

        /** The field the parser is at, as RecordFields names fields: {@code actor.userAgent}, {@code tags[2]}. */
        private String path() {
            Deque<String> parts = new ArrayDeque<>();
            TokenStreamContext c = p.streamReadContext();
            if (p.currentToken() != null && p.currentToken().isStructStart()) {
                c = c.getParent();
            }
            int stop = pathStop;
            while (c != null && c.getNestingDepth() > stop) {
                if (c.inArray()) {
                    parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.currentName() != null) {
                    parts.push("." + c.currentName());
                }
                c = c.getParent();
            }
            StringBuilder b = new StringBuilder();
            parts.forEach(b::append);
            String path = b.length() > 0 && b.charAt(0) == '.' ? b.substring(1) : b.toString();
            return Printable.value(path);
        }
    }
}
