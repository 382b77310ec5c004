package io.keyledger.gcp.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Decodes one Cloud Logging LogEntry carrying a Cloud Audit Logs {@code AuditLog} of Cloud KMS, however it
 * arrived (a log file, Eventarc, Pub/Sub). Entries of other services are Ignored.
 *
 * <p>The event id is the entry's {@code insertId} with its {@code timestamp}: Cloud Logging treats two
 * entries with the same timestamp and insertId as one, and both travel inside the entry, so the same
 * entry delivered through Eventarc and through a Pub/Sub sink gets the same id. An entry without an
 * insertId gets a SHA-256 over its identifying fields.
 */
final class LogEntryDecoder {

    static final String KMS_SERVICE = "cloudkms.googleapis.com";
    static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";

    private LogEntryDecoder() {
    }

    /** Whether a JSON value looks like a LogEntry (of any service). */
    static boolean looksLikeLogEntry(JsonNode node) {
        return node != null && node.isObject() && (node.has("protoPayload")
                || node.has("logName") && (node.has("insertId") || node.has("timestamp")));
    }

    /**
     * @param channel the source kind of the events ("gcp-audit", "eventarc", "pubsub")
     * @param path    the path of the entry inside the record, for field names ("" or "data")
     */
    static void decode(JsonNode entry, RecordLocation at, String channel, String path, Consumer<DecodedRecord> out) {
        DecodedRecord.orMalformed(at, path, "Cloud Audit Log entry",
                () -> List.of(decodeEntry(GoogleJson.DIALECT.root(entry, path), at, channel))).forEach(out);
    }

    private static DecodedRecord decodeEntry(RecordFields entry, RecordLocation at, String channel) {
        Optional<RecordFields> payload = entry.object("protoPayload");
        if (payload.isEmpty()) {
            return new DecodedRecord.Ignored(at, "log entry without an audit log payload (protoPayload)");
        }
        RecordFields p = payload.get();
        Optional<String> type = p.text("@type");
        if (type.isPresent() && !type.get().equals(AUDIT_LOG_TYPE)) {
            return new DecodedRecord.Ignored(at, "payload of type " + type.get() + " is not an audit log");
        }
        String service = p.requiredText("serviceName");
        if (!service.equals(KMS_SERVICE)) {
            return new DecodedRecord.Ignored(at, "audit log of " + service + ", not of Cloud KMS");
        }
        String methodName = KmsMethod.bareName(p.requiredText("methodName"));
        Instant eventTime = entry.requiredInstant("timestamp");
        Optional<RecordFields> resourceLabels = entry.object("resource").flatMap(r -> r.object("labels"));
        Optional<String> projectId = resourceLabels.flatMap(l -> l.text("project_id"));
        Optional<String> resourceName = p.text("resourceName");
        Optional<KmsResourceName> resource = resourceName.flatMap(KmsResourceName::parse)
                .or(() -> resourceLabels.flatMap(LogEntryDecoder::labelledKey));
        Optional<String> canonicalProject = projectId.filter(id -> !id.chars().allMatch(Character::isDigit))
                .or(() -> resource.map(KmsResourceName::project));
        Actor actor = AuditActors.of(p);
        List<String> chain = p.object("authenticationInfo").map(AuditActors::delegationChain).orElse(List.of());
        KmsCall call = new KmsCall(KmsMethod.of(methodName), methodName, p, p.objectOrEmpty("request"),
                p.objectOrEmpty("response"), resourceName, resource.map(r -> r.withProjectId(canonicalProject)),
                canonicalProject, actor, chain);
        Outcome outcome = outcome(p);
        KmsOperations.Decision decision = KmsOperations.decide(call);
        if (decision instanceof KmsOperations.Skip skip) {
            return new DecodedRecord.Ignored(at, methodName + ": " + skip.reason());
        }
        KmsOperations.Change change = (KmsOperations.Change) decision;
        KmsResourceName key = change.key();
        KeyRef ref = new KeyRef(Provider.GCP, key.project(), key.location(), key.keyName());
        Map<String, String> attributes = outcome.succeeded() ? change.attributes() : Map.of();
        String eventId = eventId(entry, p.node(), eventTime, methodName, resourceName);
        KeyEvent event = new KeyEvent(eventId, eventTime, change.action(), ref, change.versionId(), actor, outcome,
                attributes, new SourcePointer(channel, at.toString(), methodName));
        return new DecodedRecord.Event(at, event);
    }

    /** The key the log entry's resource labels name (cloudkms_cryptokey, cloudkms_cryptokeyversion). */
    private static Optional<KmsResourceName> labelledKey(RecordFields labels) {
        Optional<String> project = labels.text("project_id");
        Optional<String> location = labels.text("location");
        Optional<String> ring = labels.text("key_ring_id");
        Optional<String> key = labels.text("crypto_key_id");
        if (project.isEmpty() || location.isEmpty() || ring.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        KmsResourceName name = KmsResourceName.ofKey(project.get(), location.get(), ring.get(), key.get());
        return Optional.of(labels.text("crypto_key_version_id").map(name::withVersion).orElse(name));
    }

    /** Failed calls carry a non-zero {@code status.code} (a gRPC code) and a message. */
    private static Outcome outcome(RecordFields payload) {
        Optional<RecordFields> status = payload.object("status");
        long code = status.flatMap(s -> s.integer("code")).orElse(0L);
        if (code == 0) {
            return Outcome.SUCCESS;
        }
        String message = status.flatMap(s -> s.text("message")).orElse("");
        return Outcome.failure(GrpcStatus.name(code), message);
    }

    private static String eventId(RecordFields entry, JsonNode payload, Instant eventTime, String methodName,
                                  Optional<String> resourceName) {
        Optional<String> insertId = entry.text("insertId");
        if (insertId.isPresent()) {
            return insertId.get() + "@" + eventTime;
        }
        String principal = payload.path("authenticationInfo").path("principalEmail").asString("");
        String ip = payload.path("requestMetadata").path("callerIp").asString("");
        String code = payload.path("status").path("code").asString("0");
        return "sha256:" + sha256(String.join("\n", eventTime.toString(), methodName, resourceName.orElse(""),
                principal, ip, code));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
