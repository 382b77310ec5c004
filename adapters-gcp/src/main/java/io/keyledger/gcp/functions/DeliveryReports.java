package io.keyledger.gcp.functions;

import io.keyledger.core.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reports what a function acknowledged without applying it: one JSON line on standard output, which Cloud
 * Logging reads as a structured entry of severity ERROR, under the key {@value #KEY} (a log-based metric or
 * alert can count {@code jsonPayload.keyledger.rejected}). The line names the function, the delivery and
 * each problem by record and field; the records themselves stay where they came from (the audit log in
 * Cloud Logging, the message in its subscription's retention), never in the report.
 */
final class DeliveryReports {

    static final String KEY = "keyledger";
    /** At most this many problems are named in one line; the count says how many there were. */
    static final int SHOWN = 20;

    private final PrintStream out;

    DeliveryReports(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    static DeliveryReports standardOutput() {
        return new DeliveryReports(System.out);
    }

    /** A delivery acknowledged with records that were not applied and will not be delivered again. */
    void rejected(String function, String delivery, List<String> problems) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("severity", "ERROR");
        line.put("message", function + ": delivery " + delivery + " acknowledged with " + problems.size()
                + (problems.size() == 1 ? " record" : " records") + " not applied: "
                + (problems.isEmpty() ? "" : problems.get(0)));
        ObjectNode details = line.putObject(KEY);
        details.put("function", function);
        details.put("delivery", delivery);
        details.put("rejected", problems.size());
        ArrayNode shown = details.putArray("problems");
        problems.stream().limit(SHOWN).forEach(shown::add);
        synchronized (out) {
            out.println(Json.write(line));
            out.flush();
        }
    }
}
