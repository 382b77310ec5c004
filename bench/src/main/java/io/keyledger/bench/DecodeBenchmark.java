package io.keyledger.bench;

import io.keyledger.core.decode.Decoders;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput per input format: one operation decodes a whole file of about 3 MB (a demo
 * sample's records repeated) with every provider decoder registered, next to Jackson parsing the same
 * bytes into trees and nothing more, the floor under any decoder. Both score in ms per file; the
 * records and bytes per file are printed at setup, to turn a score into records/s and MB/s.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecodeBenchmark {

    /** One format's input, built once per fork and checked to decode without a malformed record. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"aws-cloudtrail", "aws-eventbridge", "azure-audit", "azure-eventgrid", "gcp-audit", "gcp-pubsub",
                "keyledger-event"})
        public String format;

        Decoders decoders;
        DecodeInput input;

        @Setup(Level.Trial)
        public void build() throws IOException {
            decoders = DecodeFormats.decoders();
            input = DecodeFormats.input(format);
            RecordCounts counts = new RecordCounts();
            long records = input.decode(decoders, counts);
            if (counts.malformed > 0 || records != input.records()) {
                throw new IllegalStateException(format + " input: " + records + " of " + input.records()
                        + " records read, " + counts.malformed + " malformed, first: " + counts.firstMalformed);
            }
            // Printed once per fork, so that the run's log holds what converts ms/op into rates.
            System.err.printf("%n# %s input: %,d bytes (%.3f MB), %,d records, %,d events per op;"
                            + " records/s = %.0f / score, MB/s = %.3f / score (score in ms/op)%n",
                    format, input.bytes().length, input.megabytes(), input.records(), counts.events,
                    input.records() * 1000.0, input.megabytes() * 1000);
        }
    }

    /** The whole ingest path: UTF-8 reading, record splitting, Jackson trees, then the decoders. */
    @Benchmark
    public long decode(Input in, Blackhole blackhole) throws IOException {
        RecordCounts counts = new RecordCounts();
        in.input.decode(in.decoders, record -> {
            counts.accept(record);
            blackhole.consume(record);
        });
        return counts.events;
    }

    /** The floor: the same bytes parsed into Jackson trees, a line at a time or as one document. */
    @Benchmark
    public void jacksonTree(Input in, Blackhole blackhole) {
        byte[] bytes = in.input.bytes();
        if (in.input.layout() == DecodeInput.Layout.ENVELOPE) {
            blackhole.consume(Json.mapper().readTree(bytes));
            return;
        }
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end == bytes.length || bytes[end] == '\n') {
                if (end > start) {
                    blackhole.consume(Json.mapper().readTree(bytes, start, end - start));
                }
                start = end + 1;
            }
        }
    }
}
