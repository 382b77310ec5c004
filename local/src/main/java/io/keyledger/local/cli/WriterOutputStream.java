package io.keyledger.local.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes onto the command's output writer, so that a streamed report goes where every other
 * output goes (and where tests read it). A character split across writes is completed by the next one.
 * Closing flushes the writer but leaves it open.
 */
final class WriterOutputStream extends OutputStream {

    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            decode(false);
        }
    }

    private void decode(boolean endOfInput) throws IOException {
        pending.flip();
        CoderResult result;
        do {
            result = decoder.decode(pending, chars, endOfInput);
            chars.flip();
            writer.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
            chars.clear();
        } while (result.isOverflow());
        pending.compact();
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        decode(true);
        writer.flush();
    }
}
