package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.RecordFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One KMS call as CloudTrail records it: the parts every operation shares (id, time, actor, outcome)
 * and the ways a record names its key.
 */
record KmsCall(RecordFields record, RecordLocation at, String channel, String eventId, Instant eventTime, String eventName,
               Actor actor, Outcome outcome) {

    static KmsCall read(RecordFields record, RecordLocation at, String channel) {
        String eventName = record.requiredText("eventName");
        String eventId = record.requiredText("eventID");
        Instant eventTime = record.requiredInstant("eventTime");
        Optional<String> errorCode = record.text("errorCode").filter(s -> !s.isBlank());
        Outcome outcome = errorCode.isPresent()
                ? Outcome.failure(errorCode.get(), record.text("errorMessage").orElse(""))
                : Outcome.SUCCESS;
        return new KmsCall(record, at, channel, eventId, eventTime, eventName, AwsActors.of(record), outcome);
    }

    boolean succeeded() {
        return outcome.succeeded();
    }

    Optional<RecordFields> request() {
        return record.object("requestParameters");
    }

    /** The request parameters, or an empty object when the record has none. */
    RecordFields requestOrEmpty() {
        return record.objectOrEmpty("requestParameters");
    }

    Optional<RecordFields> response() {
        return record.object("responseElements");
    }

    Optional<String> region() {
        return record.text("awsRegion").filter(s -> !s.isBlank());
    }

    /** The account the record was delivered to: the key's, unless the key ARN says otherwise. */
    Optional<String> account() {
        Optional<String> recipient = record.text("recipientAccountId").filter(s -> !s.isBlank());
        if (recipient.isPresent()) {
            return recipient;
        }
        return record.object("userIdentity").flatMap(u -> u.text("accountId")).filter(s -> !s.isBlank());
    }

    /**
     * The key a record is about: the first key ARN in {@code resources}, else
     * {@code responseElements.keyMetadata.arn}, {@code responseElements.keyId}, {@code requestParameters.keyId},
     * {@code serviceEventDetails.keyId}.
     */
    Optional<KeyArn> mainKey() {
        List<KeyArn> resources = resourceKeys();
        if (!resources.isEmpty()) {
            return Optional.of(resources.get(0));
        }
        Optional<RecordFields> response = response();
        return keyIn(response.flatMap(r -> r.object("keyMetadata")), "arn")
                .or(() -> keyIn(response, "keyId"))
                .or(() -> keyIn(request(), "keyId"))
                .or(() -> keyIn(record.object("serviceEventDetails"), "keyId"));
    }

    /** The key a member of an object names, if the object and the member are there. */
    Optional<KeyArn> keyIn(Optional<RecordFields> object, String member) {
        if (object.isEmpty()) {
            return Optional.empty();
        }
        RecordFields o = object.get();
        return o.text(member).flatMap(k -> keyOf(k, o, member));
    }

    /** Every distinct key ARN in {@code resources} (alias ARNs, also typed AWS::KMS::Key, are skipped). */
    List<KeyArn> resourceKeys() {
        List<KeyArn> out = new ArrayList<>();
        for (RecordFields resource : record.objects("resources")) {
            Optional<String> arn = resource.text("ARN");
            if (arn.isEmpty() || !arn.get().startsWith("arn:") || !arn.get().contains(":kms:")
                    || arn.get().contains(":alias/")) {
                continue;
            }
            Optional<KeyArn> key = keyOf(arn.get(), resource, "ARN");
            if (key.isPresent() && !out.contains(key.get())) {
                out.add(key.get());
            }
        }
        return out;
    }

    /**
     * The key a key id or key ARN names; empty for an alias. A bare key id is completed with the
     * record's region and account into the key's ARN.
     */
    Optional<KeyArn> keyOf(String idOrArn, String field) {
        return keyOf(idOrArn, record, field, true);
    }

    /** As above, the field being {@code member} of {@code in}: its path is built only for a message. */
    Optional<KeyArn> keyOf(String idOrArn, RecordFields in, String member) {
        return keyOf(idOrArn, in, member, false);
    }

    private Optional<KeyArn> keyOf(String idOrArn, RecordFields in, String member, boolean isPath) {
        String text = idOrArn.trim();
        if (text.startsWith("arn:")) {
            if (text.contains(":alias/")) {
                return Optional.empty();
            }
            return Optional.of(KeyArn.parse(text).orElseThrow(() -> new RecordFormatException(
                    isPath ? member : in.pathOf(member), "not a KMS key ARN: '" + text + "'")));
        }
        if (!KeyArn.isKeyId(text)) {
            return Optional.empty();
        }
        String region = region().orElseThrow(() -> new RecordFormatException(record.pathOf("awsRegion"),
                "missing: needed to build the ARN of key " + text));
        String account = account().orElseThrow(() -> new RecordFormatException(record.pathOf("recipientAccountId"),
                "missing: needed to build the ARN of key " + text));
        try {
            return Optional.of(KeyArn.of(region, account, text));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(record.pathOf("awsRegion"), "cannot build the ARN of key " + text + ": "
                    + e.getMessage());
        }
    }

    /** The event of this call about {@code key}; a failed call carries no attributes (it changed nothing). */
    DecodedRecord.Event event(Action action, KeyArn key, Map<String, String> attributes) {
        return event("", action, key, attributes);
    }

    /**
     * An event about one of several keys of this call. Only the call's main key has the CloudTrail event
     * id itself; the others have {@code <eventID>/<role>}, as stable across channels as the id.
     */
    DecodedRecord.Event event(String role, Action action, KeyArn key, Map<String, String> attributes) {
        String id = role.isEmpty() ? eventId : eventId + "/" + role;
        KeyEvent event = new KeyEvent(id, eventTime, action, key.toKeyRef(), Optional.empty(), actor, outcome,
                succeeded() ? attributes : Map.of(), new SourcePointer(channel, at.toString(), eventName));
        return new DecodedRecord.Event(at, event);
    }

    DecodedRecord.Ignored ignored(String reason) {
        return new DecodedRecord.Ignored(at, reason);
    }

    /** What to say of a call that names no key: a failed call created or touched none; a success is malformed. */
    List<DecodedRecord> withoutKey() {
        if (outcome instanceof Outcome.Failure failure) {
            return List.of(ignored("failed " + eventName + " (" + failure.errorCode() + ") names no key"));
        }
        throw new RecordFormatException(record.pathOf("resources"), eventName
                + " names no KMS key (no key ARN in resources, responseElements or requestParameters.keyId)");
    }
}
