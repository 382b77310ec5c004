package io.keyledger.azure.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.RecordFormatException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Azure Activity Log records (category Administrative), as a diagnostic setting streams them to an Event
 * Hub or a storage account: the resource-log schema ({@code time, resourceId, operationName, category,
 * resultType, resultSignature, callerIpAddress, correlationId, identity{authorization, claims},
 * properties}). Only Key Vault operations are of interest, and of them only Resource Manager's key
 * resource names a key (see {@link ActivityOperation}). Each operation is logged when it starts and when
 * it ends: the start record is ignored, the outcome record decoded. The event id is a SHA-256 over
 * time, resourceId, operationName, correlationId, resultType and resultSignature.
 */
public final class ActivityLogDecoder implements EventDecoder {

    public static final String FORMAT = "azure-activity-log";
    static final String SOURCE_KIND = "azure-activity";

    private static final Set<String> NOT_FINISHED = Set.of("start", "started", "accept", "accepted", "active");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(JsonNode record) {
        RecordFields fields = AzureJson.fields(record);
        return record.isObject()
                && fields.looseText("operationName").map(o -> o.contains("/")).orElse(false)
                && !fields.get("resourceId").isMissingNode()
                && !fields.looseText("category").map("AuditEvent"::equalsIgnoreCase).orElse(false);
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        DecodedRecord.orMalformed(at, "", "Activity Log record",
                () -> List.of(decodeOne(AzureJson.DIALECT.root(record), at))).forEach(out);
    }

    private DecodedRecord decodeOne(RecordFields record, RecordLocation at) {
        String operationName = record.requiredText("operationName");
        ActivityOperation op = ActivityOperation.of(operationName);
        if (op.handling() == Handling.IGNORED) {
            return new DecodedRecord.Ignored(at, operationName + ": " + op.effect());
        }
        Instant time = record.requiredInstant("time");
        Optional<String> resultType = record.scalarText("resultType");
        if (resultType.map(t -> NOT_FINISHED.contains(t.toLowerCase(Locale.ROOT))).orElse(false)) {
            return new DecodedRecord.Ignored(at, operationName + ": " + resultType.get()
                    + " record; the record of its outcome follows");
        }
        String resourceIdText = record.requiredText("resourceId");
        ResourceId resource = ResourceId.parse(resourceIdText).orElseThrow(() -> new RecordFormatException(
                record.pathOf("resourceId"), "not a resource id with a subscription: '" + resourceIdText + "'"));
        RecordFields properties = record.objectOrEmpty("properties");
        CallResult call = CallResult.of(record, properties);
        Optional<VaultObjectId> key = resource.key();
        if (key.isEmpty()) {
            if (op.action().orElse(null) == Action.UNCLASSIFIED || call.failed()) {
                return new DecodedRecord.Ignored(at, operationName + ": names no key" + call.note());
            }
            throw new RecordFormatException(record.pathOf("resourceId"),
                    "names no key: expected .../vaults/<vault>/keys/<key>");
        }
        Caller caller = Caller.fromIdentity(record);
        Optional<CallingService> service = Usage.detect(caller, Optional.empty(), Optional.empty());
        String eventId = EventIds.sha256(SOURCE_KIND, time.toString(), resourceIdText, operationName,
                record.looseText("correlationId").orElse(""), resultType.orElse(""),
                record.looseText("resultSignature").orElse(""));
        Change change = new Change(Optional.empty());
        // Resource Manager's key write creates the key, or leaves an existing one as it is (templates are
        // deployed again and again): a history entry that changes no state of a key already known.
        change.action = op == ActivityOperation.OTHER_KEY ? Action.UNCLASSIFIED : Action.METADATA;
        KeyEvent event = new KeyEvent(eventId, time, change.action(), key.get().keyRef(resource.subscription()),
                Optional.empty(), Usage.actor(caller, record.looseText("callerIpAddress"), Optional.empty(),
                service), call.outcome(), change.attributes(), new SourcePointer(SOURCE_KIND, at.toString(), operationName));
        return new DecodedRecord.Event(at, event);
    }
}
