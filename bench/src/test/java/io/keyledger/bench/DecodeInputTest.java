package io.keyledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.Decoders;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/** Smoke test of DecodeBenchmark's inputs: each one it lists is built and decodes cleanly. */
class DecodeInputTest {

    private static final Decoders DECODERS = DecodeFormats.decoders();

    /** The formats exactly as the benchmark's @Param lists them, so that a new one is covered. */
    static List<String> formats() throws NoSuchFieldException {
        return List.of(DecodeBenchmark.Input.class.getField("format").getAnnotation(Param.class).value());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void everyRecordOfTheInputDecodes(String format) throws IOException {
        DecodeInput input = DecodeFormats.input(format);
        assertThat(input.bytes().length).isBetween(2_000_000, 4_000_000);

        RecordCounts counts = new RecordCounts();
        long records = input.decode(DECODERS, counts);

        assertThat(records).isEqualTo(input.records());
        assertThat(counts.malformed).as("first malformed: %s", counts.firstMalformed).isZero();
        assertThat(counts.events).isPositive();
    }
}
