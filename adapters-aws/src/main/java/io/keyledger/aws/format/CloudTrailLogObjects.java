package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordLocation;
import java.util.regex.Pattern;

/**
 * CloudTrail log objects in S3:
 * {@code [prefix/]AWSLogs/[o-<org>/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz}.
 * Digest files ({@code CloudTrail-Digest}) and Insights files are not log files.
 */
final class CloudTrailLogObjects {

    private static final Pattern LOG_FILE = Pattern.compile(
            "(.*/)?AWSLogs/(o-[a-z0-9]+/)?\\d{12}/CloudTrail/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/[^/]+\\.json(\\.gz)?");

    private CloudTrailLogObjects() {
    }

    static boolean isLogFile(String key) {
        return LOG_FILE.matcher(key).matches();
    }

    /** A reference to fetch for a new CloudTrail log object; any other object is ignored. */
    static DecodedRecord created(RecordLocation at, String region, String bucket, String key, long size) {
        if (!isLogFile(key)) {
            return new DecodedRecord.Ignored(at, "s3://" + bucket + "/" + key + " is not a CloudTrail log file");
        }
        return new DecodedRecord.ObjectReference(at, "s3", region, bucket, key, size);
    }
}
