package io.keyledger.azure.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.RecordFormatException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Key Vault events delivered by Event Grid, in the Event Grid schema ({@code id, topic, subject,
 * eventType, eventTime, data, dataVersion, metadataVersion}) and in CloudEvents 1.0 ({@code specversion,
 * type, source, id, time, subject, data}). The data's field names are read case-insensitively and
 * trimmed ({@code Id}/{@code id}, {@code "ObjectName "}, {@code " <version>"}), NBF and EXP as epoch
 * seconds in a number or in text. The event id is Event Grid's {@code id}.
 */
public final class EventGridDecoder implements EventDecoder {

    public static final String FORMAT = "azure-eventgrid";
    static final String SOURCE_KIND = "eventgrid";
    /** Event Grid's Key Vault events name no caller: the vault itself published them. */
    static final Actor PUBLISHER = Actor.system("Azure Key Vault");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(JsonNode record) {
        if (!record.isObject()) {
            return false;
        }
        if (record.has("specversion")) {
            return AzureJson.fields(record).looseText("type")
                    .map(t -> t.toLowerCase(Locale.ROOT).startsWith("microsoft.keyvault.")).orElse(false);
        }
        return record.has("eventType") && record.has("eventTime") && (record.has("topic") || record.has("dataVersion"));
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        DecodedRecord.orMalformed(at, "", "Event Grid event",
                () -> List.of(decodeOne(AzureJson.DIALECT.root(record), at))).forEach(out);
    }

    private DecodedRecord decodeOne(RecordFields record, RecordLocation at) {
        boolean cloudEvent = record.has("specversion");
        String typeField = cloudEvent ? "type" : "eventType";
        String timeField = cloudEvent ? "time" : "eventTime";
        String topicField = cloudEvent ? "source" : "topic";
        String type = record.requiredText(typeField);
        EventGridType kind = EventGridType.of(type);
        if (kind.handling() == Handling.IGNORED) {
            return new DecodedRecord.Ignored(at, type + ": " + kind.effect());
        }
        String id = record.requiredText("id");
        Instant time = record.requiredInstant(timeField);
        RecordFields data = record.requiredObject("data");
        if (kind == EventGridType.OTHER_KEY_VAULT
                && !data.looseText("ObjectType").map("key"::equalsIgnoreCase).orElse(false)) {
            return new DecodedRecord.Ignored(at, type + ": an event type KeyLedger does not know, about no key");
        }
        String topic = record.requiredText(topicField);
        ResourceId resource = ResourceId.parse(topic).orElseThrow(() -> new RecordFormatException(
                record.pathOf(topicField), "not a resource id with a subscription: '" + topic + "'"));
        VaultObjectId key = objectOf(data, resource, kind.onBackingKey());

        Optional<Instant> notBefore = data.instant("NBF");
        Optional<Instant> expires = data.instant("EXP");
        Optional<String> version = data.scalarText("Version")
                .map(v -> v.toLowerCase(Locale.ROOT)).or(key::version);
        Change change = new Change(kind.onBackingKey() ? Optional.empty() : version);
        change.action = kind.action().orElse(Action.UNCLASSIFIED);
        switch (kind) {
            case KEY_NEW_VERSION_CREATED, CERTIFICATE_NEW_VERSION_CREATED ->
                    change.state(KeyState.of(true, notBefore, expires, time));
            case KEY_EXPIRED -> change.state(KeyState.expired());
            default -> {
                // KeyNearExpiry: the dates alone; an unknown Key Vault event: a history entry
            }
        }
        change.dates(notBefore, expires);
        if (kind.onBackingKey()) {
            change.attributes.put(KeyAttribute.DESCRIPTION.wireName(), "backs certificate " + key.name());
        }
        KeyEvent event = new KeyEvent(id, time, change.action(), key.keyRef(resource.subscription()),
                change.version(), PUBLISHER, Outcome.SUCCESS, change.attributes(),
                new SourcePointer(SOURCE_KIND, at.toString(), type));
        return new DecodedRecord.Event(at, event);
    }

    /** The key from data.Id, else from the vault and object names (data, topic, subject). */
    private static VaultObjectId objectOf(RecordFields data, ResourceId topic, boolean backingKey) {
        String wanted = backingKey ? "certificates" : "keys";
        Optional<VaultObjectId> fromId = data.scalarText("Id")
                .flatMap(VaultObjectId::parse)
                .filter(o -> o.collection().equals(wanted));
        if (fromId.isPresent()) {
            return backingKey ? fromId.get().asKey() : fromId.get();
        }
        Optional<String> vault = data.looseText("VaultName").or(topic::vault);
        Optional<String> name = data.looseText("ObjectName");
        if (vault.isEmpty() || name.isEmpty()) {
            throw new RecordFormatException(data.pathOf("Id"), "names no " + (backingKey ? "certificate" : "key")
                    + ": neither data.Id nor data.VaultName and data.ObjectName identify one");
        }
        return VaultObjectId.inVault(vault.get(), topic.managedHsm(), "keys", name.get());
    }
}
