package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Utf8CheckedTest {

    /** Reads everything in reads of {@code step} bytes; what came before a bad sequence is returned first. */
    private static byte[] readAll(byte[] in, int step) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream s = new Utf8Checked(new ByteArrayInputStream(in))) {
            byte[] buffer = new byte[step];
            int n;
            while ((n = s.read(buffer, 0, step)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static boolean strictlyUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 1000)
    void acceptsExactlyWhatTheStrictDecoderAccepts(@ForAll @Size(max = 12) byte[] bytes,
                                                   @ForAll @IntRange(min = 1, max = 5) int step) {
        boolean accepted;
        try {
            assertThat(readAll(bytes, step)).isEqualTo(bytes);
            accepted = true;
        } catch (IOException e) {
            assertThat(e).isInstanceOf(CharacterCodingException.class);
            accepted = false;
        }

        assertThat(accepted).isEqualTo(strictlyUtf8(bytes));
    }

    /** Bytes between runs of ASCII long enough to be checked eight at a time, read in larger steps. */
    @Property(tries = 1000)
    void longAsciiRunsAroundAnyBytesAreCheckedAsTheStrictDecoderChecks(
            @ForAll @IntRange(min = 0, max = 27) int before, @ForAll @Size(max = 6) byte[] middle,
            @ForAll @IntRange(min = 0, max = 27) int after, @ForAll @IntRange(min = 1, max = 40) int step) {
        byte[] bytes = new byte[before + middle.length + after];
        java.util.Arrays.fill(bytes, (byte) 'a');
        System.arraycopy(middle, 0, bytes, before, middle.length);
        boolean accepted;
        try {
            assertThat(readAll(bytes, step)).isEqualTo(bytes);
            accepted = true;
        } catch (IOException e) {
            accepted = false;
        }

        assertThat(accepted).isEqualTo(strictlyUtf8(bytes));
        assertThat(Utf8.valid(bytes, 0, bytes.length)).isEqualTo(strictlyUtf8(bytes));
    }

    @Test
    void passesTextThroughWhole() throws IOException {
        byte[] text = "{\"a\":\"ünïcødé € 𝄞\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(text, 3)).isEqualTo(text);
    }

    @Test
    void handsOnWhatCameBeforeABadByteThenFails() throws IOException {
        byte[] bad = {'a', 'b', (byte) 0xC3, (byte) 0x28, 'c'};
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream s = new Utf8Checked(new ByteArrayInputStream(bad));
        byte[] buffer = new byte[16];

        got.write(buffer, 0, s.read(buffer, 0, 16));

        assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThatThrownBy(() -> s.read(buffer, 0, 16)).isInstanceOf(CharacterCodingException.class);
    }
}
