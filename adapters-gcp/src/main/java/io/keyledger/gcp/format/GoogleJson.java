package io.keyledger.gcp.format;

import io.keyledger.core.decode.JsonDialect;
import io.keyledger.core.decode.TimeFormat;

/**
 * How Google writes the JSON of its records and listings (proto3 JSON: Cloud Logging's LogEntries, the
 * gcloud CLI's output): exact names, text trimmed with blank text absent, int64 values as decimal text,
 * RFC 3339 timestamps.
 */
public final class GoogleJson {

    public static final JsonDialect DIALECT = JsonDialect.strict(TimeFormat.RFC_3339).trimmingText()
            .withWholeNumbersAsText();

    private GoogleJson() {
    }
}
