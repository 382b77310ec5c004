package io.keyledger.azure.snapshot;

import io.keyledger.azure.format.AzureJson;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.SnapshotFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading the Azure CLI's saved outputs: JSON, or the error the CLI printed instead. */
final class SnapshotFiles {

    /**
     * A per-key file: its JSON, or why the key's details could not be read (the CLI's error, saved in
     * place of the output: {@code ERROR: (Forbidden) ...}, or an {@code {"error": {...}}} body).
     */
    record Detail(Optional<JsonNode> json, Optional<String> denied) {
    }

    private SnapshotFiles() {
    }

    /** A listing that must be JSON. */
    static JsonNode json(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new SnapshotFormatException(file, "", "not valid JSON (truncated?): " + e.getOriginalMessage());
        }
    }

    /** A per-key file, which may hold the CLI's error instead of its output. */
    static Detail detail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{") && !text.startsWith("[")) {
            if (text.toUpperCase(Locale.ROOT).startsWith("ERROR") || text.startsWith("(")) {
                return new Detail(Optional.empty(), Optional.of(text.lines().findFirst().orElse(text)));
            }
            throw new SnapshotFormatException(file, "", "neither the CLI's JSON output nor its error message");
        }
        JsonNode json = json(file);
        JsonNode error = AzureJson.fields(json).get("error");
        if (error.isObject()) {
            RecordFields e = AzureJson.fields(error);
            String code = e.looseText("code").orElse("error");
            return new Detail(Optional.empty(), Optional.of(code + e.looseText("message").map(m -> ": " + m).orElse("")));
        }
        return new Detail(Optional.of(json), Optional.empty());
    }

    /** The file named {@code <name>.json} in {@code folder}, matching the name case-insensitively. */
    static Optional<Path> perKey(Path folder, String name) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Path exact = folder.resolve(name + ".json");
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().equalsIgnoreCase(name + ".json"))
                    .sorted()
                    .findFirst();
        }
    }
}
