package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one CloudTrail record, wherever it came from (a log file, EventBridge's {@code detail}, an SQS
 * message). Records of other services are ignored; KMS records become events per {@link KmsOperation}.
 */
final class CloudTrailRecords {

    static final String KMS_EVENT_SOURCE = "kms.amazonaws.com";

    private CloudTrailRecords() {
    }

    /**
     * @param record  the record, its fields named from where it sits in its input ({@code detail.eventName})
     * @param channel the event source's kind ("cloudtrail", "eventbridge", "sqs+eventbridge", ...)
     */
    static List<DecodedRecord> decode(RecordFields record, RecordLocation at, String channel) {
        return DecodedRecord.orMalformed(at, "", "CloudTrail record", () -> decodeChecked(record, at, channel));
    }

    private static List<DecodedRecord> decodeChecked(RecordFields record, RecordLocation at, String channel) {
        String source = record.requiredText("eventSource");
        if (!KMS_EVENT_SOURCE.equals(source)) {
            return List.of(new DecodedRecord.Ignored(at, "CloudTrail event of " + source + ", not of AWS KMS"));
        }
        KmsCall call = KmsCall.read(record, at, channel);
        Optional<KmsOperation> op = KmsOperation.of(call.eventName());
        if (op.isEmpty()) {
            return unclassified(call);
        }
        return switch (op.get().disposition()) {
            case IGNORED -> List.of(call.ignored("KMS " + call.eventName() + ": " + op.get().note()
                    + (op.get().note().equals("read") ? ", changes nothing and uses no key" : "")));
            case KEY_STORE_CHANGE -> keyStoreChange(op.get(), call);
            case USE -> uses(op.get(), call);
            case KEY_EVENT -> KmsManagementEvents.decode(op.get(), call);
        };
    }

    /** An operation KeyLedger does not know yet: kept in the key's history, changes nothing. */
    private static List<DecodedRecord> unclassified(KmsCall call) {
        Optional<KeyArn> key = call.mainKey();
        if (key.isEmpty()) {
            return List.of(call.ignored("unknown KMS operation " + call.eventName() + " names no key"));
        }
        return List.of(call.event(Action.UNCLASSIFIED, key.get(), Map.of()));
    }

    /** A cryptographic use of every key the call used (ReEncrypt uses two), with the caller's usage. */
    private static List<DecodedRecord> uses(KmsOperation op, KmsCall call) {
        List<KeyArn> keys = new ArrayList<>();
        if (op == KmsOperation.RE_ENCRYPT) {
            call.keyIn(call.request(), "sourceKeyId").ifPresent(keys::add);
            call.keyIn(call.request(), "destinationKeyId").filter(k -> !keys.contains(k)).ifPresent(keys::add);
            call.resourceKeys().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        } else {
            call.mainKey().ifPresent(keys::add);
        }
        if (keys.isEmpty()) {
            return call.withoutKey();
        }
        Map<String, String> usage = new LinkedHashMap<>(CallerUsage.of(call.record()).attributes());
        if (!call.actor().principal().equals("unknown")) {
            usage.put(KeyAttribute.USED_BY_PRINCIPAL.wireName(), call.actor().principal());
        }
        List<String> protects = ContextResources.of(call.record(), call.region(), call.account());
        if (!protects.isEmpty()) {
            usage.put(KeyAttribute.PROTECTED_RESOURCE.wireName(), String.join(",", protects));
        }
        List<DecodedRecord> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String role = i == 0 ? "" : i == 1 ? "destination" : "key-" + (i + 1);
            out.add(call.event(role, Action.USE, keys.get(i), usage));
        }
        return out;
    }

    /** A custom key store changed; a failed attempt changes nothing. */
    private static List<DecodedRecord> keyStoreChange(KmsOperation op, KmsCall call) {
        if (!call.succeeded()) {
            return List.of(call.ignored("failed " + call.eventName() + ": the key store and its keys are unchanged"));
        }
        RecordFields request = call.requestOrEmpty();
        // A new store's id is in the response: the request had none to give.
        String keyStoreId = request.text("customKeyStoreId")
                .or(() -> call.response().flatMap(r -> r.text("customKeyStoreId")))
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new RecordFormatException(request.pathOf("customKeyStoreId"), "missing"));
        String account = call.account().orElseThrow(() -> new RecordFormatException(
                call.record().pathOf("recipientAccountId"), "missing: the key store's account"));
        String region = call.region().orElseThrow(() -> new RecordFormatException(
                call.record().pathOf("awsRegion"), "missing: the key store's region"));
        DecodedRecord.KeyStoreChange.Change change = switch (op) {
            case CREATE_CUSTOM_KEY_STORE -> DecodedRecord.KeyStoreChange.Change.CREATED;
            case UPDATE_CUSTOM_KEY_STORE -> DecodedRecord.KeyStoreChange.Change.UPDATED;
            case DELETE_CUSTOM_KEY_STORE -> DecodedRecord.KeyStoreChange.Change.DELETED;
            case CONNECT_CUSTOM_KEY_STORE -> DecodedRecord.KeyStoreChange.Change.CONNECTED;
            default -> DecodedRecord.KeyStoreChange.Change.DISCONNECTED;
        };
        return List.of(new DecodedRecord.KeyStoreChange(call.at(), call.eventId(), call.eventTime(), Provider.AWS,
                account, region, keyStoreId, change, call.actor(), call.eventName(), keyStoreDetails(request)));
    }

    /** What a custom key store request says of the store: name, type, and its CloudHSM cluster or proxy. */
    private static Map<String, String> keyStoreDetails(RecordFields request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.text("newCustomKeyStoreName").or(() -> request.text("customKeyStoreName"))
                .filter(s -> !s.isBlank()).ifPresent(n -> out.put("name", n));
        request.text("customKeyStoreType").ifPresent(t -> out.put("kind", switch (t) {
            case "EXTERNAL_KEY_STORE" -> "AWS_EXTERNAL_KEY_STORE";
            case "AWS_CLOUDHSM" -> "AWS_CLOUDHSM";
            default -> "UNKNOWN";
        }));
        request.text("cloudHsmClusterId").or(() -> request.text("clusterId")).filter(s -> !s.isBlank()).ifPresent(c -> {
            out.put("backing", c);
            out.putIfAbsent("kind", "AWS_CLOUDHSM");
        });
        request.text("xksProxyUriEndpoint").filter(s -> !s.isBlank()).ifPresent(e -> {
            out.put("backing", e + request.text("xksProxyUriPath").orElse(""));
            out.putIfAbsent("kind", "AWS_EXTERNAL_KEY_STORE");
        });
        return out;
    }
}
