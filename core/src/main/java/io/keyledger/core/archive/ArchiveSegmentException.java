package io.keyledger.core.archive;

import io.keyledger.core.store.UnreadableRecordException;
import java.util.OptionalLong;

/**
 * An archived segment that cannot be read as its index describes it: the object is missing, its bytes no
 * longer have the SHA-256 the index and the ledger hold, or it is not a segment. Names the segment; the
 * records it held cannot be read, and reading goes on after them.
 */
public class ArchiveSegmentException extends UnreadableRecordException {

    private final ArchivedSegment segment;
    private final boolean missing;

    public ArchiveSegmentException(ArchivedSegment segment, boolean missing, String problem) {
        super(segment.describe() + " of tenant " + segment.tenant() + ": " + problem, segment.tenant(),
                OptionalLong.of(segment.fromSequence()), segment.toSequence());
        this.segment = segment;
        this.missing = missing;
    }

    public ArchivedSegment segment() {
        return segment;
    }

    /** Whether the object is gone (rather than altered or unreadable). */
    public boolean missing() {
        return missing;
    }
}
