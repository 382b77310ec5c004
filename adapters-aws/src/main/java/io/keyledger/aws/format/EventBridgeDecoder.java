package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.RecordFormatException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * EventBridge events: KMS API calls and service events via CloudTrail (the CloudTrail record is the
 * {@code detail}, with its own event id, so a redelivery through a log file dedupes), KMS's own events
 * ({@link KmsServiceEvent}, identified by the EventBridge {@code id}), and S3 "Object Created" events
 * naming CloudTrail log objects. Events of other sources are ignored.
 */
public final class EventBridgeDecoder implements EventDecoder {

    static final String CHANNEL = "eventbridge";
    private static final String KMS_SOURCE = "aws.kms";
    private static final String S3_SOURCE = "aws.s3";
    private static final String VIA_CLOUDTRAIL = "via CloudTrail";
    private static final String KMS_PRINCIPAL = "kms.amazonaws.com";

    @Override
    public String format() {
        return "aws-eventbridge";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return record != null && record.isObject() && record.has("detail-type") && record.has("source");
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        decodeVia(record, at, "", out);
    }

    void decodeVia(JsonNode record, RecordLocation at, String via, Consumer<DecodedRecord> out) {
        DecodedRecord.orMalformed(at, "", "EventBridge event", () -> decodeChecked(record, at, via)).forEach(out);
    }

    private static List<DecodedRecord> decodeChecked(JsonNode record, RecordLocation at, String via) {
        RecordFields event = AwsJson.DIALECT.root(record);
        String source = event.requiredText("source");
        String type = event.requiredText("detail-type");
        if (type.endsWith(VIA_CLOUDTRAIL) && KMS_SOURCE.equals(source)) {
            return CloudTrailRecords.decode(event.requiredObject("detail"), at, via + CHANNEL);
        }
        if (KMS_SOURCE.equals(source)) {
            return List.of(kmsEvent(event, type, at, via));
        }
        if (S3_SOURCE.equals(source) && "Object Created".equals(type)) {
            return List.of(objectCreated(event, at));
        }
        return List.of(new DecodedRecord.Ignored(at, "EventBridge event '" + type + "' of " + source
                + " says nothing about KMS keys"));
    }

    /** One of KMS's own events; an unknown one is kept (UNCLASSIFIED) when it names a key. */
    private static DecodedRecord kmsEvent(RecordFields event, String type, RecordLocation at, String via) {
        Optional<KmsServiceEvent> kind = KmsServiceEvent.of(type);
        String id = event.requiredText("id");
        Instant time = event.requiredInstant("time");
        Optional<KeyArn> key = keyOf(event);
        if (key.isEmpty()) {
            if (kind.isPresent()) {
                throw new RecordFormatException("resources", "names no KMS key (no key ARN in resources, no detail.key-id)");
            }
            return new DecodedRecord.Ignored(at, "unknown aws.kms event '" + type + "' names no key");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        kind.flatMap(KmsServiceEvent::nativeState).ifPresent(s -> KmsKeyMetadata.putState(attributes, s.nativeName()));
        Action action = kind.map(KmsServiceEvent::action).orElse(Action.UNCLASSIFIED);
        KeyEvent keyEvent = new KeyEvent(id, time, action, key.get().toKeyRef(), Optional.empty(),
                Actor.of(KMS_PRINCIPAL, ActorType.SERVICE), Outcome.SUCCESS, attributes,
                new SourcePointer(via + CHANNEL, at.toString(), type));
        return new DecodedRecord.Event(at, keyEvent);
    }

    /** The key ARN in {@code resources}, or {@code detail.key-id} in the event's region and account. */
    private static Optional<KeyArn> keyOf(RecordFields event) {
        var resources = event.texts("resources");
        for (int i = 0; i < resources.size(); i++) {
            String arn = resources.get(i);
            if (arn.startsWith("arn:") && arn.contains(":kms:") && !arn.contains(":alias/")) {
                String field = "resources[" + i + "]";
                return Optional.of(KeyArn.parse(arn).orElseThrow(() -> new RecordFormatException(field,
                        "not a KMS key ARN: '" + arn + "'")));
            }
        }
        Optional<String> keyId = event.object("detail").flatMap(d -> d.text("key-id")).filter(KeyArn::isKeyId);
        if (keyId.isEmpty()) {
            return Optional.empty();
        }
        String region = event.requiredText("region");
        String account = event.requiredText("account");
        try {
            return Optional.of(KeyArn.of(region, account, keyId.get()));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("region", "cannot build the ARN of key " + keyId.get() + ": " + e.getMessage());
        }
    }

    private static DecodedRecord objectCreated(RecordFields event, RecordLocation at) {
        RecordFields detail = event.requiredObject("detail");
        String bucket = detail.requiredObject("bucket").requiredText("name");
        RecordFields object = detail.requiredObject("object");
        return CloudTrailLogObjects.created(at, event.requiredText("region"), bucket, object.requiredText("key"),
                object.integer("size").orElse(0L));
    }
}
