package io.keyledger.core.decode;

import io.keyledger.core.json.Json;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an input (plain or gzip) into JSON records, opening the envelopes the providers wrap them in:
 * a top-level array, or an object's {@code Records} / {@code records} array (CloudTrail log files, SQS
 * and S3 notifications, Azure diagnostic logs). Two layouts are read:
 * <ul>
 *   <li>JSON lines: one complete value per line. A bad line is reported and the next line read.</li>
 *   <li>A document (pretty-printed, or values spanning lines): streamed, so that envelope arrays are
 *       never held whole; a syntax error (a truncated file) is reported with its line and column and
 *       ends the input, after every record before it was handed on.</li>
 * </ul>
 */
public final class JsonRecords {

    /** Receives each record, or each part of the input that is not valid JSON. */
    public interface Sink {
        void record(JsonNode record, RecordLocation at);

        void malformed(DecodedRecord.Malformed malformed);
    }

    /** Reads one value in the middle of a stream: what follows it is the next value, not an error. */
    private static final ObjectReader VALUE_IN_STREAM = Json.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String input;
    private final Sink sink;
    private long index;

    private JsonRecords(String input, Sink sink) {
        this.input = input;
        this.sink = sink;
    }

    /**
     * Reads every record of {@code in} (gzip is recognised by its magic bytes).
     *
     * @param input the input's name, for locations
     * @return the number of records handed on (malformed ones included)
     * @throws IOException when the input cannot be read at all
     */
    public static long read(String input, InputStream in, Sink sink) throws IOException {
        JsonRecords records = new JsonRecords(input, sink);
        records.readAll(decompressed(in));
        return records.index;
    }

    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered)) : buffered;
    }

    private void readAll(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
        long line = 0;
        String first;
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            do {
                first = reader.readLine();
                line++;
            } while (first != null && first.isBlank());
        } catch (CharacterCodingException e) {
            malformed(line + 1, "line " + (line + 1), "", "not UTF-8 text");
            return;
        }
        if (first == null) {
            return;
        }
        JsonNode firstValue = parseLine(first);
        if (firstValue != null) {
            readLines(firstValue, line, reader);
        } else {
            readDocument(new SequenceReader(first + "\n", reader), line - 1);
        }
    }

    /** JSON lines: every line on its own, so that one bad line costs only itself. */
    private void readLines(JsonNode firstValue, long firstLine, BufferedReader reader) throws IOException {
        emit(firstValue, "line " + firstLine);
        long line = firstLine;
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (CharacterCodingException e) {
                malformed(index + 1, "after line " + line, "", "not UTF-8 text");
                return;
            }
            if (text == null) {
                return;
            }
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                emit(Json.mapper().readTree(text), "line " + line);
            } catch (JacksonException e) {
                malformed(index + 1, "line " + line, "", "not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static JsonNode parseLine(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A document: streamed token by token, envelope arrays element by element. */
    private void readDocument(Reader reader, long lineOffset) throws IOException {
        try (JsonParser p = Json.mapper().createParser(reader)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    streamArray(p, "[%d]");
                } else if (token == JsonToken.START_OBJECT) {
                    readTopObject(p);
                } else {
                    emit(VALUE_IN_STREAM.readValue(p), "");
                }
            }
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            String detail = where == null ? "" : "line " + (where.getLineNr() + lineOffset) + ", column " + where.getColumnNr();
            malformed(index + 1, detail, "", "not valid JSON (truncated?): " + e.getOriginalMessage());
        } catch (UncheckedCharacterCoding e) {
            malformed(index + 1, "", "", "not UTF-8 text");
        }
    }

    private void readTopObject(JsonParser p) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        boolean opened = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!opened && value == JsonToken.START_ARRAY && ("Records".equals(name) || "records".equals(name))) {
                streamArray(p, name + "[%d]");
                opened = true;
            } else {
                envelope.set(name, VALUE_IN_STREAM.<JsonNode>readValue(p));
            }
        }
        if (!opened) {
            emit(envelope, "");
        }
    }

    private void streamArray(JsonParser p, String detailFormat) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode element = VALUE_IN_STREAM.readValue(p);
            sink.record(element, new RecordLocation(input, ++index, String.format(detailFormat, i++)));
        }
    }

    /** Hands on a value, opening its envelope if it has one. */
    private void emit(JsonNode value, String detail) {
        JsonNode inner = value.isArray() ? value
                : value.isObject() && value.path("Records").isArray() ? value.get("Records")
                : value.isObject() && value.path("records").isArray() ? value.get("records")
                : null;
        if (inner == null) {
            sink.record(value, new RecordLocation(input, ++index, detail));
            return;
        }
        String name = value.isArray() ? "" : value.has("Records") ? "Records" : "records";
        int i = 0;
        for (JsonNode element : inner) {
            String where = name + "[" + i++ + "]";
            sink.record(element, new RecordLocation(input, ++index, detail.isEmpty() ? where : detail + " " + where));
        }
    }

    private void malformed(long at, String detail, String field, String message) {
        index = Math.max(index, at);
        sink.malformed(new DecodedRecord.Malformed(new RecordLocation(input, at, detail), field, message));
    }

    /** Marks a decoding failure that surfaced through the JSON parser's reader. */
    private static final class UncheckedCharacterCoding extends RuntimeException {
        UncheckedCharacterCoding(CharacterCodingException cause) {
            super(cause);
        }
    }

    /** The already-read first line, then the rest of the reader. */
    private static final class SequenceReader extends Reader {
        private final StringReader head;
        private final Reader rest;
        private boolean headDone;

        SequenceReader(String head, Reader rest) {
            this.head = new StringReader(head);
            this.rest = rest;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (!headDone) {
                int n = head.read(buf, off, len);
                if (n > 0) {
                    return n;
                }
                headDone = true;
            }
            try {
                return rest.read(buf, off, len);
            } catch (CharacterCodingException e) {
                throw new UncheckedCharacterCoding(e);
            }
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
