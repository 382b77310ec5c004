package io.keyledger.core.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The most that one input may make KeyLedger read, hold and store, so that no file, message or object,
 * however hostile, exhausts memory or stack. Each limit has a default and a hard cap that no
 * configuration may exceed (docs/RELIABILITY.md gives the reasons for each figure).
 *
 * @param maxRecordBytes       one record (a JSON line, or one element of an envelope array), in bytes
 * @param maxFieldChars        one text value or member name, in characters
 * @param maxNestingDepth      objects and arrays inside one record
 * @param maxDecompressedBytes what one gzip input may expand to
 * @param maxCompressionRatio  decompressed bytes per compressed byte, checked once an input has expanded
 *                             past {@link #RATIO_CHECKED_AFTER_BYTES}
 */
public record InputLimits(int maxRecordBytes, int maxFieldChars, int maxNestingDepth, long maxDecompressedBytes,
                          int maxCompressionRatio) {

    /** Small inputs compress well for want of data, not by malice: their ratio is not held against them. */
    public static final long RATIO_CHECKED_AFTER_BYTES = 1L << 20;

    /** The longest number read, in characters: provider numbers are counts, sizes and times of at most 20 digits. */
    public static final int MAX_NUMBER_CHARS = 64;

    /** The largest values any configuration may set. */
    public static final InputLimits HARD_CAPS = new InputLimits(16 << 20, 1 << 20, 256, 1L << 40, 10_000);

    /**
     * A CloudTrail record is at most a few tens of kilobytes (a KMS key policy is at most 32 KB); records
     * nest about ten levels; CloudTrail and Key Vault logs compress 10 to 30 times.
     */
    public static final InputLimits DEFAULTS = new InputLimits(1 << 20, 64 << 10, 64, 16L << 30, 200);

    public InputLimits {
        List<String> problems = problems(maxRecordBytes, maxFieldChars, maxNestingDepth, maxDecompressedBytes,
                maxCompressionRatio);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Each limit the larger of the two: what a reader must allow so that either set can be applied later. */
    public InputLimits loosest(InputLimits other) {
        return new InputLimits(Math.max(maxRecordBytes, other.maxRecordBytes),
                Math.max(maxFieldChars, other.maxFieldChars), Math.max(maxNestingDepth, other.maxNestingDepth),
                Math.max(maxDecompressedBytes, other.maxDecompressedBytes),
                Math.max(maxCompressionRatio, other.maxCompressionRatio));
    }

    public InputLimits withMaxRecordBytes(int v) {
        return new InputLimits(v, maxFieldChars, maxNestingDepth, maxDecompressedBytes, maxCompressionRatio);
    }

    public InputLimits withMaxFieldChars(int v) {
        return new InputLimits(maxRecordBytes, v, maxNestingDepth, maxDecompressedBytes, maxCompressionRatio);
    }

    public InputLimits withMaxNestingDepth(int v) {
        return new InputLimits(maxRecordBytes, maxFieldChars, v, maxDecompressedBytes, maxCompressionRatio);
    }

    public InputLimits withMaxDecompressedBytes(long v) {
        return new InputLimits(maxRecordBytes, maxFieldChars, maxNestingDepth, v, maxCompressionRatio);
    }

    public InputLimits withMaxCompressionRatio(int v) {
        return new InputLimits(maxRecordBytes, maxFieldChars, maxNestingDepth, maxDecompressedBytes, v);
    }

    private static List<String> problems(int record, int field, int depth, long decompressed, int ratio) {
        List<String> out = new ArrayList<>();
        check(out, "maxRecordBytes", record, 1024, 16 << 20);
        check(out, "maxFieldChars", field, 64, 1 << 20);
        check(out, "maxNestingDepth", depth, 4, 256);
        check(out, "maxDecompressedBytes", decompressed, 1 << 20, 1L << 40);
        check(out, "maxCompressionRatio", ratio, 2, 10_000);
        return out;
    }

    private static void check(List<String> out, String name, long value, long min, long max) {
        if (value < min || value > max) {
            out.add(name + " must be from " + min + " to " + max + ", was " + value);
        }
    }
}
