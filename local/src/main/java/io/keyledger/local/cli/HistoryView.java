package io.keyledger.local.cli;

import static io.keyledger.local.cli.JsonOutput.name;
import static io.keyledger.local.cli.JsonOutput.text;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.ingest.HistoryEntry;
import java.util.LinkedHashMap;
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
        KeyEvent e = event(h);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", h.stored().tenant());
        m.put("keyId", h.stored().keyId());
        m.put("eventId", e.eventId());
        m.put("eventTime", e.eventTime().toString());
        m.put("action", e.action().name());
        m.put("versionId", text(e.versionId()));
        m.put("actor", e.actor().principal());
        m.put("actorType", e.actor().type().name());
        m.put("sourceIp", text(e.actor().sourceIp()));
        m.put("userAgent", text(e.actor().userAgent()));
        m.put("invokedBy", text(e.actor().invokedBy()));
        m.put("outcome", status(e.outcome()));
        m.put("errorCode", e.outcome() instanceof Outcome.Failure f ? f.errorCode() : null);
        m.put("errorMessage", e.outcome() instanceof Outcome.Failure f ? f.message() : null);
        m.put("stateBefore", name(h.before()));
        m.put("stateAfter", name(h.after()));
        m.put("nativeState", h.nativeStateAfter());
        m.put("flag", text(h.flag()));
        m.put("attributes", e.attributes());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", e.source().kind());
        source.put("location", e.source().location());
        source.put("operation", e.source().operation());
        m.put("source", source);
        m.put("receivedAt", h.stored().receivedAt().toString());
        return m;
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
