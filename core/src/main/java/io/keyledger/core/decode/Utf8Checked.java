package io.keyledger.core.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 ({@link Utf8}'s rules: no overlongs, no
 * surrogates, nothing past U+10FFFF, no sequence cut off at the end), so that a document can be parsed from its
 * bytes, which is faster than decoding it to characters first, and still be refused when it is not UTF-8.
 */
final class Utf8Checked extends FilterInputStream {

    /** Continuation bytes still expected, the code point so far, and the least it may be (overlongs). */
    private int need;
    private int codePoint;
    private int least;
    /** Set when a read found malformed bytes after good ones: those were returned, the next read fails. */
    private boolean failed;

    Utf8Checked(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (failed) {
            throw new MalformedInputException(1);
        }
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failed) {
            throw new MalformedInputException(1);
        }
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            end();
            return n;
        }
        int i = offset;
        int to = offset + n;
        // where the sequence being checked started (offset: in an earlier read)
        int start = offset;
        while (i < to) {
            if (need == 0) {
                // the common case: a run of ASCII
                i = Utf8.asciiEnd(buffer, i, to);
                if (i == to) {
                    break;
                }
                start = i;
            }
            try {
                check(buffer[i] & 0xFF);
            } catch (MalformedInputException e) {
                // What came before the bad sequence is handed on first, as a decoding reader does.
                if (start > offset) {
                    failed = true;
                    return start - offset;
                }
                throw e;
            }
            i++;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are checked as well
        long skipped = 0;
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int c) throws MalformedInputException {
        if (need == 0) {
            if (c < 0x80) {
                return;
            }
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                codePoint = c & 0x1F;
                least = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                codePoint = c & 0x0F;
                least = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                codePoint = c & 0x07;
                least = 0x10000;
            } else {
                throw new MalformedInputException(1);
            }
            return;
        }
        if ((c & 0xC0) != 0x80) {
            throw new MalformedInputException(1);
        }
        codePoint = (codePoint << 6) | (c & 0x3F);
        if (--need == 0 && (codePoint < least || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw new MalformedInputException(1);
        }
    }

    private void end() throws MalformedInputException {
        if (need > 0) {
            throw new MalformedInputException(need);
        }
    }
}
