package io.keyledger.local.cli;

import static io.keyledger.local.cli.JsonOutput.name;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.functions.views.JsonViews;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a history entry is shown: a flat JSON object for scripts, columns for people. */
final class HistoryView {

    static final List<Column<HistoryEntry>> TABLE = List.of(
            Column.of("EVENT TIME", h -> event(h).eventTime().toString()),
            Column.of("ACTION", h -> event(h).action().name()),
            Column.of("OUTCOME", HistoryView::outcome),
            Column.of("STATE", h -> transition(h.before(), h.after())),
            Column.of("NATIVE STATE", HistoryEntry::nativeStateAfter),
            Column.of("ACTOR", h -> event(h).actor().principal()),
            Column.of("SOURCE", h -> event(h).source().toString()),
            Column.of("FLAG", h -> h.flag().orElse("")));

    static final List<Column<HistoryEntry>> CSV = List.of(
            Column.of("tenant", h -> h.stored().tenant()),
            Column.of("keyId", h -> h.stored().keyId()),
            Column.of("eventId", h -> event(h).eventId()),
            Column.of("eventTime", h -> event(h).eventTime().toString()),
            Column.of("action", h -> event(h).action().name()),
            Column.of("versionId", h -> event(h).versionId().orElse("")),
            Column.of("actor", h -> event(h).actor().principal()),
            Column.of("actorType", h -> event(h).actor().type().name()),
            Column.of("sourceIp", h -> event(h).actor().sourceIp().orElse("")),
            Column.of("outcome", h -> status(event(h).outcome())),
            Column.of("errorCode", h -> errorCode(event(h).outcome())),
            Column.of("stateBefore", h -> h.before().map(Enum::name).orElse("")),
            Column.of("stateAfter", h -> h.after().map(Enum::name).orElse("")),
            Column.of("nativeState", HistoryEntry::nativeStateAfter),
            Column.of("flag", h -> h.flag().orElse("")),
            Column.of("source", h -> event(h).source().toString()),
            Column.of("receivedAt", h -> h.stored().receivedAt().toString()));

    private HistoryView() {
    }

    static Map<String, Object> json(HistoryEntry h) {
        return JsonViews.history(h);
    }

    private static KeyEvent event(HistoryEntry h) {
        return h.stored().event();
    }

    private static String outcome(HistoryEntry h) {
        Outcome o = event(h).outcome();
        return o instanceof Outcome.Failure f ? "FAILURE " + f.errorCode() : "SUCCESS";
    }

    private static String status(Outcome o) {
        return o.succeeded() ? "SUCCESS" : "FAILURE";
    }

    private static String errorCode(Outcome o) {
        return o instanceof Outcome.Failure f ? f.errorCode() : "";
    }

    private static String transition(Optional<? extends Enum<?>> before, Optional<? extends Enum<?>> after) {
        String from = before.map(Enum::name).orElse("(new)");
        String to = after.map(Enum::name).orElse("(unknown)");
        return from.equals(to) ? to : from + " -> " + to;
    }
}
