package io.keyledger.tests.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.InputLimits;
import io.keyledger.core.decode.JsonRecords;
import io.keyledger.core.decode.RecordLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;

/**
 * Raw bytes through the readers every input goes through: {@link JsonRecords} (JSON lines, documents, envelopes,
 * gzip) within limits the input itself chooses, as small as {@link InputLimits} allows so that every limit is
 * met; and the whole decode of an ingest ({@link Decoders} with every format). Reading bytes never throws (an
 * {@link IOException} is only the operating system's), every record handed on keeps within the limits, and no
 * decoder fails on a record (which {@code Decoders} would report as "please report this record").
 */
class RecordReadingFuzzTest {

    private static final InputBudget BUDGET = new InputBudget(8L << 20, 1024);
    private static final Decoders ALL = Decoders.of(List.copyOf(FuzzInputs.DECODERS.values()).subList(1,
            FuzzInputs.DECODERS.size()));

    @FuzzTest
    void jsonRecords(FuzzedDataProvider data) {
        InputLimits limits = limits(data);
        byte[] input = data.consumeRemainingAsBytes();
        BUDGET.spend(input.length, () -> read(input, limits));
    }

    /** The same, gzip-compressed: the bomb and ratio checks, truncation and damage are met by the first target. */
    @FuzzTest
    void jsonRecordsGzip(FuzzedDataProvider data) {
        InputLimits limits = limits(data);
        byte[] input = gzip(data.consumeRemainingAsBytes());
        BUDGET.spend(input.length, () -> read(input, limits));
    }

    @FuzzTest
    void decodeInput(byte[] input) {
        BUDGET.spend(input.length, () -> {
            List<DecodedRecord> out = new ArrayList<>();
            try {
                ALL.read("fuzz", new ByteArrayInputStream(input), out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("reading bytes in memory failed", e);
            }
            for (DecodedRecord r : out) {
                if (r instanceof DecodedRecord.Malformed m && m.message().contains("please report this record")) {
                    throw new AssertionError("a decoder failed on a record: " + m);
                }
            }
            FuzzInputs.ingest(out);
        });
    }

    /** Limits from the input's first bytes, each between its smallest allowed value and a few times that. */
    private static InputLimits limits(FuzzedDataProvider data) {
        return new InputLimits(data.consumeInt(1024, 4096), data.consumeInt(64, 512), data.consumeInt(4, 16),
                1L << 20, data.consumeInt(2, 20));
    }

    private static void read(byte[] input, InputLimits limits) {
        long[] last = {0};
        JsonRecords.Sink sink = new JsonRecords.Sink() {
            @Override
            public void record(JsonNode record, RecordLocation at) {
                ordered(at);
                within(record, limits, 1);
            }

            @Override
            public void malformed(DecodedRecord.Malformed malformed) {
                ordered(malformed.at());
            }

            private void ordered(RecordLocation at) {
                if (!at.input().equals("fuzz") || at.index() <= last[0]) {
                    throw new AssertionError("record " + at + " after record " + last[0]);
                }
                last[0] = at.index();
            }
        };
        try {
            JsonRecords.read("fuzz", new ByteArrayInputStream(input), limits, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory failed", e);
        }
    }

    /** A record handed on is within every limit: what is over one is reported, never built. */
    private static void within(JsonNode node, InputLimits limits, int depth) {
        if (node.isContainer() && depth > limits.maxNestingDepth()) {
            throw new AssertionError("a record nested " + depth + " deep was handed on; the limit is "
                    + limits.maxNestingDepth());
        }
        if (node.isString() && node.asString().length() > limits.maxFieldChars()) {
            throw new AssertionError("a text of " + node.asString().length() + " characters was handed on");
        }
        if (node.isNumber() && node.asString().length() > InputLimits.MAX_NUMBER_CHARS + 8) {
            throw new AssertionError("a number of " + node.asString().length() + " characters was handed on");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().length() > limits.maxFieldChars()) {
                throw new AssertionError("a member name of " + e.getKey().length() + " characters was handed on");
            }
        }
        for (JsonNode child : node.values()) {
            within(child, limits, depth + 1);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
