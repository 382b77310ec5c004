package io.keyledger.core.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Lines of bytes, each read up to a limit: a line longer than that is never held whole, whatever the
 * input (a gigabyte of zeros has no line break).
 */
final class LineInput {

    /** A line without its break; {@code complete} is false when it was cut at the limit. */
    record Line(byte[] bytes, int length, boolean complete) {

        boolean blank() {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Lines up to this long are read into one buffer per thread, reused: an input's first line can be a megabyte. */
    private static final int REUSED = 1 << 20;
    private static final ThreadLocal<byte[][]> LINES = ThreadLocal.withInitial(() -> new byte[][] {new byte[256]});

    private final InputStream in;
    private final boolean reuse;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int end;

    LineInput(InputStream in) {
        this(in, false);
    }

    /** @param reuse whether lines go into this thread's reused buffer (one reader per thread at a time may) */
    LineInput(InputStream in, boolean reuse) {
        this.in = in;
        this.reuse = reuse;
    }

    /**
     * The next line, at most {@code max} bytes of it; null at the end of the input. The line's bytes are valid until
     * the next call (they are reused).
     */
    Line next(int max) throws IOException {
        byte[][] reused = reuse ? LINES.get() : new byte[][] {new byte[Math.min(max, 256)]};
        byte[] line = reused[0].length <= max ? reused[0] : new byte[Math.min(max, 256)];
        int length = 0;
        while (true) {
            if (pos == end && !fill()) {
                return length == 0 && !readAny ? null : finish(line, length, true);
            }
            readAny = true;
            int limit = Math.min(end, pos + (max - length));
            int scan = lineBreak(buffer, pos, limit);
            int n = scan - pos;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.min(max, Math.max(line.length * 2, length + n)));
                if (line.length <= REUSED) {
                    reused[0] = line;
                }
            }
            System.arraycopy(buffer, pos, line, length, n);
            length += n;
            pos = scan;
            if (scan < end && buffer[scan] == '\n') {
                pos++;
                return finish(line, length, true);
            }
            if (length >= max) {
                boolean breakFollows = (pos < end || fill()) && buffer[pos] == '\n';
                if (breakFollows) {
                    pos++;
                }
                return finish(line, length, breakFollows);
            }
        }
    }

    private boolean readAny;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long BREAKS = ONES * '\n';
    private static final long HIGH_BITS = ONES * 0x80;

    /** The index of the first line break in {@code b} from {@code from}, or {@code to}: eight bytes at a time. */
    static int lineBreak(byte[] b, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long x = (long) LONGS.get(b, i) ^ BREAKS;
            // a byte of x is zero where the byte was a line break
            if (((x - ONES) & ~x & HIGH_BITS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private Line finish(byte[] line, int length, boolean complete) {
        readAny = false;
        return new Line(line, length, complete);
    }

    /** Skips to the start of the next line. */
    void skipLine() throws IOException {
        while (true) {
            if (pos == end && !fill()) {
                return;
            }
            for (int i = pos; i < end; i++) {
                if (buffer[i] == '\n') {
                    pos = i + 1;
                    return;
                }
            }
            pos = end;
        }
    }

    /** {@code head} (with its line break if it had one), then everything not yet read. */
    InputStream rest(byte[] head, int length, boolean lineBreak) {
        InputStream buffered = new ByteArrayInputStream(Arrays.copyOfRange(buffer, pos, end));
        pos = end;
        InputStream first = new ByteArrayInputStream(head, 0, length);
        if (lineBreak) {
            first = new SequenceInputStream(first, new ByteArrayInputStream(new byte[] {'\n'}));
        }
        return new SequenceInputStream(first, new SequenceInputStream(buffered, in));
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
