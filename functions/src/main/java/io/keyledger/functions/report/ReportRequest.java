package io.keyledger.functions.report;

import io.keyledger.core.store.AssetQuery;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What report to write.
 *
 * @param from   start of the period (inclusive) for period reports such as "changes"
 * @param to     end of the period (exclusive)
 * @param filter which keys, for the key reports
 */
public record ReportRequest(String name, String format, Optional<Instant> from, Optional<Instant> to,
                            AssetQuery filter) {

    public ReportRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(filter, "filter");
    }
}
