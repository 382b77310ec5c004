package io.keyledger.core.archive;

import io.keyledger.core.ledger.LedgerRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads archived segments, each checked against the SHA-256 its descriptor holds before a record of it is
 * believed, and keeps the few read last decoded (a page read after another reads the same segment).
 */
final class SegmentCache {

    private static final int KEPT = 4;

    private final ArchiveObjects objects;
    private final Map<String, List<LedgerRecord>> decoded = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<LedgerRecord>> eldest) {
            return size() > KEPT;
        }
    };

    SegmentCache(ArchiveObjects objects) {
        this.objects = Objects.requireNonNull(objects, "objects");
    }

    ArchiveObjects objects() {
        return objects;
    }

    /**
     * The segment's records in sequence order.
     *
     * @throws ArchiveSegmentException when it is missing, altered or not a segment
     */
    synchronized List<LedgerRecord> records(ArchivedSegment segment) {
        String cacheKey = segment.objectName() + "#" + segment.sha256();
        List<LedgerRecord> cached = decoded.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        try {
            bytes = objects.read(segment.objectName())
                    .orElseThrow(() -> new ArchiveSegmentException(segment, true, "missing from " + objects.describe()));
        } catch (ArchiveObjects.ArchiveException e) {
            throw new ArchiveSegmentException(segment, true, e.getMessage());
        }
        String actual = sha256(bytes);
        if (!actual.equals(segment.sha256())) {
            throw new ArchiveSegmentException(segment, false, "altered: its SHA-256 is " + actual + ", the ledger says "
                    + segment.sha256());
        }
        List<LedgerRecord> records;
        try {
            records = List.copyOf(SegmentFile.read(segment.tenant(), bytes));
        } catch (IllegalArgumentException e) {
            throw new ArchiveSegmentException(segment, false, "not a segment: " + e.getMessage());
        }
        decoded.put(cacheKey, records);
        return records;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
