package io.keyledger.local.cli;

import io.keyledger.core.json.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;

/** Prints values as indented JSON with KeyLedger's one JSON configuration, and small helpers for views. */
final class JsonOutput {

    private JsonOutput() {
    }

    static void print(PrintWriter out, Object value) {
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }

    /** An instant as ISO-8601 text, or null: views spell out their own types rather than rely on mapper defaults. */
    static String instant(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }

    static String text(Optional<String> value) {
        return value.orElse(null);
    }

    static String name(Optional<? extends Enum<?>> value) {
        return value.map(Enum::name).orElse(null);
    }
}
