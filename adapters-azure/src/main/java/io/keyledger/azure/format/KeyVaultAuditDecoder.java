package io.keyledger.azure.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Key Vault and Managed HSM diagnostic logs, category AuditEvent, as a diagnostic setting delivers them
 * to an Event Hub or a storage account ({@code {"records":[...]}}, opened by JsonRecords). Both record
 * shapes are read: the vault's ({@code properties.{id, requestUri, clientInfo, httpStatusCode}},
 * {@code identity.claim} as an object) and Managed HSM's (those fields at the top level, identity as
 * JSON text with nested claim names), and exports of the Log Analytics table AZKVAuditLogs (the same
 * fields as top-level columns: {@code TimeGenerated, _ResourceId, Id, RequestUri, ClientInfo,
 * HttpStatusCode, KeyProperties}). See {@link AuditOperation} for what each operation becomes.
 *
 * <p>The event id is a SHA-256 over time, resourceId, operationName, correlationId, properties.id,
 * properties.requestUri and resultSignature: AuditEvent records carry no id of their own.
 */
public final class KeyVaultAuditDecoder implements EventDecoder {

    public static final String FORMAT = "azure-keyvault-audit";
    static final String SOURCE_KIND = "azure-audit";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(JsonNode record) {
        RecordFields fields = AzureJson.fields(record);
        if (!record.isObject() || fields.get("operationName").isMissingNode()) {
            return false;
        }
        Optional<String> category = fields.looseText("category");
        if (category.isPresent()) {
            return category.get().equalsIgnoreCase("AuditEvent");
        }
        return fields.looseText("resourceId", "_ResourceId").map(r -> r.toUpperCase(Locale.ROOT)
                .contains("/PROVIDERS/MICROSOFT.KEYVAULT/")).orElse(false)
                && fields.looseText("operationName").map(o -> !o.contains("/")).orElse(false);
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        DecodedRecord.orMalformed(at, "", "AuditEvent record",
                () -> List.of(decodeOne(AzureJson.DIALECT.root(record), at))).forEach(out);
    }

    private DecodedRecord decodeOne(RecordFields record, RecordLocation at) {
        String operationName = record.requiredText("operationName");
        Instant time = record.requiredInstant("time", "TimeGenerated");
        String resourceIdText = record.requiredText("resourceId", "_ResourceId");
        ResourceId resource = ResourceId.parse(resourceIdText).orElseThrow(() -> new RecordFormatException(
                record.pathOf("resourceId"), "not a resource id with a subscription: '" + resourceIdText + "'"));
        if (!resource.isKeyVault()) {
            return new DecodedRecord.Ignored(at, "not a Key Vault or Managed HSM resource: " + resourceIdText);
        }
        RecordFields properties = record.objectOrEmpty("properties");
        CallResult call = CallResult.of(record, properties);
        AuditOperation op = AuditOperation.of(operationName);
        if (op.handling() == Handling.IGNORED) {
            return new DecodedRecord.Ignored(at, operationName + ": " + op.effect() + call.note());
        }

        Optional<String> id = propertyText(record, properties, "id");
        Optional<String> requestUri = propertyText(record, properties, "requestUri");
        Optional<VaultObjectId> object = objectOf(op, id, requestUri);
        if (object.isEmpty()) {
            if (op.action().orElse(null) == Action.UNCLASSIFIED || call.failed()) {
                return new DecodedRecord.Ignored(at, operationName + ": names no key" + call.note());
            }
            throw new RecordFormatException(properties.pathOf("id"), "names no " + (op.onBackingKey() ? "certificate" : "key")
                    + ": neither properties.id nor properties.requestUri identifies one");
        }
        VaultObjectId key = object.get();

        Caller caller = Caller.fromIdentity(record);
        Optional<String> clientInfo = propertyText(record, properties, "clientInfo");
        Optional<CallingService> service = Usage.detect(caller, clientInfo,
                propertyText(record, properties, "trustedService"));
        Actor actor = op == AuditOperation.KEY_ROTATE_IF_DUE && caller.equals(Caller.UNKNOWN)
                ? Actor.system("Azure Key Vault rotation policy")
                : Usage.actor(caller, record.looseText("callerIpAddress", "CallerIPAddress"), clientInfo, service);

        Change change = change(op, key, RecordedKey.of(record, properties, key.managedHsm()), service, time);
        if (op.handling() == Handling.USE) {
            // The resource whose own managed identity called: what the key protects.
            caller.managedIdentityResource().flatMap(ResourceId::protectedResource)
                    .ifPresent(r -> change.attributes.put(KeyAttribute.PROTECTED_RESOURCE.wireName(), r));
        } else {
            key.keyStore().ifPresent(s -> change.attributes.put(KeyAttribute.CUSTOM_KEY_STORE.wireName(), s));
        }
        String eventId = EventIds.sha256(SOURCE_KIND, time.toString(), resourceIdText, operationName,
                record.looseText("correlationId").orElse(""), id.orElse(""), requestUri.orElse(""),
                record.looseText("resultSignature").orElse(""));
        KeyEvent event = new KeyEvent(eventId, time, change.action(), key.keyRef(resource.subscription()),
                change.version(), actor, call.outcome(), change.attributes(),
                new SourcePointer(SOURCE_KIND, at.toString(), operationName));
        return new DecodedRecord.Event(at, event);
    }

    /** The key (or the certificate whose backing key) the record names, from properties.id, else the request URI. */
    private static Optional<VaultObjectId> objectOf(AuditOperation op, Optional<String> id, Optional<String> requestUri) {
        String wanted = op.onBackingKey() ? "certificates" : "keys";
        boolean restore = op == AuditOperation.KEY_RESTORE || op == AuditOperation.CERTIFICATE_RESTORE;
        Optional<VaultObjectId> fromId = id.flatMap(VaultObjectId::parse).filter(o -> o.collection().equals(wanted));
        Optional<VaultObjectId> found = fromId.isPresent() || restore ? fromId
                : requestUri.flatMap(VaultObjectId::parse).filter(o -> o.collection().equals(wanted));
        return op.onBackingKey() ? found.map(VaultObjectId::asKey) : found;
    }

    /** A field of {@code properties}, or of the record itself (Managed HSM writes them at the top level). */
    private static Optional<String> propertyText(RecordFields record, RecordFields properties, String name) {
        return properties.scalarText(name).or(() -> record.scalarText(name));
    }

    private static Change change(AuditOperation op, VaultObjectId key, RecordedKey recorded,
                                 Optional<CallingService> service, Instant time) {
        Change change = new Change(key.version());
        KeyAttributesJson a = recorded.attributes();
        switch (op.handling()) {
            case USE -> {
                change.action = Action.USE;
                change.attributes.putAll(Usage.attributes(service));
            }
            case UPDATE -> update(change, recorded, time);
            default -> lifecycle(change, op, key, recorded, time);
        }
        if (op.handling() != Handling.USE) {
            change.dates(a.notBefore(), a.expires());
            change.attributes.putAll(Tags.attributes(recorded.tags()));
        }
        return change;
    }

    private static void lifecycle(Change change, AuditOperation op, VaultObjectId key, RecordedKey recorded, Instant time) {
        KeyAttributesJson a = recorded.attributes();
        change.action = op.action().orElse(Action.UNCLASSIFIED);
        switch (change.action) {
            case CREATE, IMPORT_MATERIAL, ROTATE -> {
                change.state(KeyState.of(a.enabled().orElse(true), a.notBefore(), a.expires(), time));
                change.attributes.putAll(recorded.spec());
                a.created().ifPresent(d -> change.attributes.put(KeyAttribute.CREATED_AT.wireName(), d.toString()));
                if (change.action != Action.ROTATE) {
                    change.attributes.put(KeyAttribute.MANAGER.wireName(), KeyManager.CUSTOMER.name());
                }
                origin(op).ifPresent(o -> change.attributes.put(KeyAttribute.ORIGIN.wireName(), o.name()));
            }
            case SCHEDULE_DESTRUCTION -> {
                change.state(KeyState.deleted(recorded.scheduledPurge()));
                recorded.scheduledPurge().ifPresent(d ->
                        change.attributes.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(), d.toString()));
                change.keyWide();
            }
            case RECOVER -> {
                change.state(KeyState.of(a.enabled().orElse(true), a.notBefore(), a.expires(), time));
                change.keyWide();
            }
            case DESTROY -> {
                change.state(KeyState.purged());
                change.keyWide();
            }
            case METADATA -> {
                if (op == AuditOperation.KEY_EXPIRED) {
                    change.state(KeyState.expired());
                }
            }
            default -> {
                // ROTATION_POLICY, UNCLASSIFIED: a history entry, the record says nothing more
            }
        }
        if (op.onBackingKey()) {
            change.attributes.put(KeyAttribute.DESCRIPTION.wireName(), "backs certificate " + key.name());
            change.keyWide();
        }
    }

    /** KeyUpdate: the action follows from what the record carries. */
    private static void update(Change change, RecordedKey recorded, Instant time) {
        KeyAttributesJson a = recorded.attributes();
        if (a.enabled().isPresent()) {
            change.action = a.enabled().get() ? Action.ENABLE : Action.DISABLE;
            change.state(KeyState.of(a.enabled().get(), a.notBefore(), a.expires(), time));
        } else if (a.expires().isPresent() || a.notBefore().isPresent()) {
            change.action = Action.METADATA;
            if (a.expires().isPresent() && !a.expires().get().isAfter(time)) {
                change.state(KeyState.expired());
            }
        } else {
            change.action = recorded.tags().isEmpty() ? Action.METADATA : Action.TAG;
        }
        recorded.spec().forEach(change.attributes::putIfAbsent);
    }

    private static Optional<KeyOrigin> origin(AuditOperation op) {
        return switch (op) {
            case KEY_CREATE, CERTIFICATE_CREATE -> Optional.of(KeyOrigin.GENERATED);
            case KEY_IMPORT, CERTIFICATE_IMPORT -> Optional.of(KeyOrigin.IMPORTED);
            default -> Optional.empty();
        };
    }
}
