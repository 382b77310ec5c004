package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LineInputTest {

    /** Bytes that are mostly not line breaks, with a few where {@code breaks} says, anywhere in a word. */
    private static byte[] text(byte[] noise, List<Integer> breaks) {
        byte[] b = noise.clone();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = 'x';
            }
        }
        for (int at : breaks) {
            if (at < b.length) {
                b[at] = '\n';
            }
        }
        return b;
    }

    @Property(tries = 1000)
    void findsTheFirstLineBreakAsAByteByByteScanDoes(@ForAll @Size(max = 40) byte[] noise,
                                                      @ForAll @Size(max = 3) List<@IntRange(max = 40) Integer> breaks,
                                                      @ForAll @IntRange(max = 40) int from) {
        byte[] b = text(noise, breaks);
        int start = Math.min(from, b.length);
        int expected = start;
        while (expected < b.length && b[expected] != '\n') {
            expected++;
        }

        assertThat(LineInput.lineBreak(b, start, b.length)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void splitsIntoTheLinesThatSplittingTheTextGives(@ForAll @Size(max = 200) byte[] noise,
                                                      @ForAll @Size(max = 12) List<@IntRange(max = 200) Integer> breaks)
            throws IOException {
        byte[] b = text(noise, breaks);
        List<String> expected = new ArrayList<>(Arrays.asList(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
                .split("\n", -1)));
        if (expected.get(expected.size() - 1).isEmpty()) {
            expected.remove(expected.size() - 1);
        }
        LineInput lines = new LineInput(new ByteArrayInputStream(b));
        List<String> read = new ArrayList<>();
        LineInput.Line line;
        while ((line = lines.next(1 << 20)) != null) {
            read.add(new String(line.bytes(), 0, line.length(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        assertThat(read).isEqualTo(expected);
    }
}
