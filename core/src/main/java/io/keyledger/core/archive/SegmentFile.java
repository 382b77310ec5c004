package io.keyledger.core.archive;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The bytes of an archived segment: gzip-compressed JSON lines, a header line
 * ({@code {"format":"keyledger-segment-v1","tenant":..,"from":..,"to":..,"records":..}}) and then one
 * ledger record per line, every hashed field as stored ({@code sequence, recordedAt, type, keyId,
 * payload, previousHash, hash}): anyone can recompute each record's hash from it (docs/LEDGER.md).
 */
final class SegmentFile {

    static final String FORMAT = "keyledger-segment-v1";

    private SegmentFile() {
    }

    /** The name of a tenant's segment of records {@code from..to}: sorts in sequence order. */
    static String name(String tenant, long from, long to) {
        return "archive/" + tenant + "/" + String.format("%020d-%020d", from, to) + ".jsonl.gz";
    }

    static byte[] write(String tenant, long from, long to, List<LedgerRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", FORMAT);
            header.put("tenant", tenant);
            header.put("from", from);
            header.put("to", to);
            header.put("records", records.size());
            out.write(Json.write(header));
            out.write('\n');
            for (LedgerRecord r : records) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sequence", r.sequence());
                line.put("recordedAt", r.recordedAt().toString());
                line.put("type", r.type().name());
                line.put("keyId", r.keyId().orElse(null));
                line.put("payload", r.payload());
                line.put("previousHash", r.previousHash());
                line.put("hash", r.hash());
                out.write(Json.write(line));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The records of a segment's bytes, without expiry (the reader gives each the one retention gives).
     *
     * @throws IllegalArgumentException naming the line when the bytes are not such a segment
     */
    static List<LedgerRecord> read(String tenant, byte[] content) {
        List<LedgerRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(content)), StandardCharsets.UTF_8))) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException("empty");
            }
            JsonNode header = Json.mapper().readTree(headerLine);
            if (!FORMAT.equals(header.path("format").asString("")) || !tenant.equals(header.path("tenant").asString(""))) {
                throw new IllegalArgumentException("line 1 is not the header of a segment of tenant " + tenant);
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                try {
                    JsonNode n = Json.mapper().readTree(line);
                    out.add(new LedgerRecord(tenant, n.path("sequence").asLong(),
                            Instant.parse(n.path("recordedAt").asString()),
                            LedgerEntryType.valueOf(n.path("type").asString()),
                            n.path("keyId").isString() ? Optional.of(n.path("keyId").asString()) : Optional.empty(),
                            n.path("payload").asString(), n.path("previousHash").asString(), n.path("hash").asString(),
                            Optional.empty()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + number + " is not a ledger record");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not gzip-compressed JSON lines: " + e.getMessage());
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("line 1 is not JSON");
        }
        return out;
    }
}
