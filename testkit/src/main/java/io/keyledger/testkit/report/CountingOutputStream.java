package io.keyledger.testkit.report;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts the bytes written through it and the occurrences of one byte pattern (a row terminator, the
 * first property of each record), keeping nothing else.
 */
public final class CountingOutputStream extends OutputStream {

    private final byte[] pattern;
    private final int[] failure;
    private int matched;
    private long bytes;
    private long occurrences;
    private boolean closed;

    public CountingOutputStream(String pattern) {
        this.pattern = pattern.getBytes(StandardCharsets.UTF_8);
        this.failure = new int[this.pattern.length];
        for (int i = 1, k = 0; i < this.pattern.length; i++) {
            while (k > 0 && this.pattern[i] != this.pattern[k]) {
                k = failure[k - 1];
            }
            if (this.pattern[i] == this.pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
    }

    @Override
    public synchronized void write(int b) {
        bytes++;
        scan((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes += len;
        for (int i = off; i < off + len; i++) {
            scan(b[i]);
        }
    }

    private void scan(byte x) {
        while (matched > 0 && x != pattern[matched]) {
            matched = failure[matched - 1];
        }
        if (x == pattern[matched]) {
            matched++;
        }
        if (matched == pattern.length) {
            occurrences++;
            matched = failure[matched - 1];
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long occurrences() {
        return occurrences;
    }

    public synchronized boolean closed() {
        return closed;
    }
}
