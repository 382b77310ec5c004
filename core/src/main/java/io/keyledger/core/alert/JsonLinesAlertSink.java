package io.keyledger.core.alert;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each alert as one line of JSON to a file (created with its directories if need be). */
public final class JsonLinesAlertSink implements AlertSink {

    private final Path file;

    public JsonLinesAlertSink(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "jsonl:" + file;
    }

    @Override
    public synchronized void send(Alert alert) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // One write per line, in append mode, so that concurrent appenders never interleave within a line.
        Files.write(file, (Json.write(alert) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
