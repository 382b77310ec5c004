package io.keyledger.aws.snapshot;

import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.SnapshotFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One saved AWS CLI output: the JSON document it printed, or the error it printed instead. An error is
 * recognised in the CLI's own words ({@code An error occurred (AccessDeniedException) when calling the
 * DescribeKey operation: ...}, saved with {@code 2>&1}) and in the API's JSON error forms
 * ({@code {"__type":"AccessDeniedException","message":...}}, {@code {"Error":{"Code":..,"Message":..}}}).
 */
final class CliFile {

    /** What a file held. */
    sealed interface Output permits Document, Error, Missing {
    }

    /** The operation's JSON output. */
    record Document(JsonNode json) implements Output {
    }

    /** The operation's error. */
    record Error(String code, String message) implements Output {
        String describe() {
            return code + (message.isBlank() ? "" : ": " + message);
        }
    }

    /** No such file in the snapshot. */
    record Missing() implements Output {
    }

    private static final Pattern CLI_ERROR = Pattern.compile("(?s)\\s*An error occurred \\(([^)]+)\\)[^:]*:\\s*(.*?)\\s*");

    private CliFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws SnapshotFormatException if it is neither a JSON object nor an error
     */
    static Output read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Missing();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher cli = CLI_ERROR.matcher(text);
        if (cli.matches()) {
            return new Error(cli.group(1), cli.group(2));
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new SnapshotFormatException(file, "", "neither JSON output of the AWS CLI nor an AWS error: "
                    + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new SnapshotFormatException(file, "", "expected a JSON object");
        }
        if (json.path("__type").isString()) {
            String type = json.get("__type").asString();
            return new Error(type.substring(type.lastIndexOf('#') + 1),
                    json.path("message").asString(json.path("Message").asString("")));
        }
        if (json.path("Error").path("Code").isString()) {
            return new Error(json.get("Error").get("Code").asString(), json.get("Error").path("Message").asString(""));
        }
        return new Document(json);
    }
}
