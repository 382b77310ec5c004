package io.keyledger.functions.ingest;

import io.keyledger.core.decode.DecodedRecord;
import java.io.IOException;
import java.io.InputStream;

/** Opens an object that a storage notification names (an S3 CloudTrail log file, a blob). */
@FunctionalInterface
public interface ObjectReader {

    InputStream open(DecodedRecord.ObjectReference object) throws IOException;
}
