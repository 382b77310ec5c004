package io.keyledger.gcp.snapshot;

import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.SnapshotFormatException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One saved {@code gcloud ... --format=json} output: a JSON array of resources, or the error the command
 * met instead: the API's error document ({@code {"error": {"code": 403, "status": "PERMISSION_DENIED",
 * "message": ...}}}) or gcloud's own error line ({@code ERROR: (gcloud.kms.keys.versions.list)
 * PERMISSION_DENIED: ...}) saved in its place.
 */
sealed interface ListingFile permits ListingFile.Items, ListingFile.Document, ListingFile.Failed {

    /** The listed resources. */
    record Items(JsonNode array) implements ListingFile {
    }

    /** One resource a {@code describe} or {@code get} command wrote, read only where {@link #read(Path, boolean)} allows it. */
    record Document(JsonNode object) implements ListingFile {
    }

    /** The listing could not be made: why. */
    record Failed(String status, String message) implements ListingFile {
        String reason() {
            return status + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /** A listing: an array, or the error saved in its place. */
    static ListingFile read(Path file) throws IOException {
        return read(file, false);
    }

    /** A listing, or with {@code documents} also a single resource (a JSON object that is no error document). */
    static ListingFile read(Path file, boolean documents) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (CharacterCodingException e) {
            throw new SnapshotFormatException(file, "", "not UTF-8 text");
        }
        if (text.isEmpty()) {
            throw new SnapshotFormatException(file, "", "empty: expected the output of gcloud with --format=json "
                    + "(an empty listing is [])");
        }
        if (text.startsWith("ERROR:")) {
            String line = text.lines().findFirst().orElse(text);
            return new Failed(statusIn(line), line);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new SnapshotFormatException(file, "", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root.isArray()) {
            return new Items(root);
        }
        if (root.isObject() && root.path("error").isObject()) {
            JsonNode error = root.get("error");
            String status = error.path("status").isString() ? error.get("status").asString()
                    : "HTTP " + error.path("code").asString("?");
            return new Failed(status, error.path("message").asString(""));
        }
        if (documents && root.isObject()) {
            return new Document(root);
        }
        throw new SnapshotFormatException(file, "", "expected a JSON array (gcloud --format=json) or an error "
                + "document, was a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /** The gRPC status an error line names ("PERMISSION_DENIED: ..."), or ERROR. */
    private static String statusIn(String line) {
        for (String word : line.split("[\\s:]+")) {
            if (word.length() > 3 && word.chars().allMatch(c -> c == '_' || Character.isUpperCase(c))
                    && !word.equals("ERROR")) {
                return word;
            }
        }
        return "ERROR";
    }
}
