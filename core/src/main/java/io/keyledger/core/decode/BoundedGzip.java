package io.keyledger.core.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip decompression that stops at the input's limits: so many bytes in all, and so many bytes out per
 * byte in once past {@link InputLimits#RATIO_CHECKED_AFTER_BYTES}. A file of zeros or of empty records
 * that would expand a thousandfold is refused after a few megabytes, not read to the end.
 */
final class BoundedGzip extends InputStream {

    /** The input expands beyond its limits: refused as a decompression bomb. */
    static final class Bomb extends IOException {
        Bomb(String message) {
            super(message, null);
        }
    }

    private final CountingStream compressed;
    private final InputStream inflated;
    private final InputLimits limits;
    private long out;

    BoundedGzip(InputStream raw, InputLimits limits) throws IOException {
        this.compressed = new CountingStream(raw);
        this.inflated = new GZIPInputStream(compressed, 64 * 1024);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = inflated.read(b, off, len);
        if (n > 0) {
            out += n;
            check();
        }
        return n;
    }

    private void check() throws Bomb {
        if (out > limits.maxDecompressedBytes()) {
            throw new Bomb("decompresses to more than " + limits.maxDecompressedBytes()
                    + " bytes (the limit maxDecompressedBytes): refused as a decompression bomb");
        }
        long in = Math.max(1, compressed.count);
        if (out > InputLimits.RATIO_CHECKED_AFTER_BYTES && out / in > limits.maxCompressionRatio()) {
            throw new Bomb("expands more than " + limits.maxCompressionRatio() + " times (" + out + " bytes from "
                    + in + "; the limit maxCompressionRatio): refused as a decompression bomb");
        }
    }

    @Override
    public void close() throws IOException {
        inflated.close();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
