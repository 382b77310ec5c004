package io.keyledger.bench;

import io.keyledger.core.decode.DecodedRecord;
import java.util.function.Consumer;

/** Counts what decoding an input produced; keeps the first malformed record to explain a bad input. */
final class RecordCounts implements Consumer<DecodedRecord> {

    long events;
    long malformed;
    long other;
    DecodedRecord.Malformed firstMalformed;

    @Override
    public void accept(DecodedRecord record) {
        if (record instanceof DecodedRecord.Event) {
            events++;
        } else if (record instanceof DecodedRecord.Malformed m) {
            if (malformed++ == 0) {
                firstMalformed = m;
            }
        } else {
            other++;
        }
    }
}
