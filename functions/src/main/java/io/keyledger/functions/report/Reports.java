package io.keyledger.functions.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The auditor reports, as the admin API and the CLI download them. A report is written to the stream
 * as it is read from the store, so its size does not depend on memory.
 */
public interface Reports {

    /** The report names ("inventory", "changes", "sweeps", "evidence", "pqc", "rotation"). */
    List<String> names();

    /** The formats one report comes in, the default first ("csv", "json", "cbom", "html"). */
    List<String> formats(String name);

    /** The media type of a report in a format ("text/csv; charset=utf-8", "application/vnd.cyclonedx+json"). */
    String contentType(String name, String format);

    /**
     * Writes one report of the tenant.
     *
     * @throws IllegalArgumentException for an unknown name or format or bad parameters, with a message
     *                                  naming the parameter (the API answers 400 with it)
     */
    void write(String tenant, ReportRequest request, OutputStream out) throws IOException;
}
