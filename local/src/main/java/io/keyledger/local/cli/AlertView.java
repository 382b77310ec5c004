package io.keyledger.local.cli;

import io.keyledger.core.alert.Alert;
import io.keyledger.functions.views.JsonViews;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** How alerts print: a table row each, or JSON objects for scripts. */
final class AlertView {

    static final List<Column<Alert>> TABLE = List.of(
            Column.of("ID", Alert::id),
            Column.of("TENANT", Alert::tenant),
            Column.of("SEVERITY", a -> a.severity().name()),
            Column.of("RULE", a -> a.rule().id()),
            Column.of("STATUS", a -> a.status().name()),
            Column.of("RAISED", a -> a.raisedAt().toString()),
            Column.of("KEY", a -> a.keyId().orElse("-")),
            Column.of("MESSAGE", Alert::message));

    private AlertView() {
    }

    static void print(PrintWriter out, OutputFormat format, List<Alert> alerts) {
        switch (format) {
            case JSON -> JsonOutput.print(out, alerts.stream().map(AlertView::json).toList());
            case TABLE -> {
                if (alerts.isEmpty()) {
                    out.println("No alerts.");
                } else {
                    Table.print(out, TABLE, alerts);
                }
                out.flush();
            }
            default -> throw new CliException(ExitCodes.USAGE, "--format must be table or json");
        }
    }

    static Map<String, Object> json(Alert a) {
        return JsonViews.alert(a);
    }
}
