package io.keyledger.core.event;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One normalised audit event about one key.
 *
 * @param eventId    the provider's event id; with the provider it identifies the event (redeliveries share it)
 * @param eventTime  when the change happened at the provider (state follows this, not arrival)
 * @param versionId  the key version the event concerns, if any
 * @param attributes changed or observed attributes, by {@link KeyAttribute} wire name
 */
public record KeyEvent(
        String eventId,
        Instant eventTime,
        Action action,
        KeyRef key,
        Optional<String> versionId,
        Actor actor,
        Outcome outcome,
        Map<String, String> attributes,
        SourcePointer source) {

    public KeyEvent {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
        AttributeValues.requireInRange(Objects.requireNonNull(eventTime, "eventTime"), "eventTime");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        for (String name : attributes.keySet()) {
            if (!KeyAttribute.isValidName(name)) {
                throw new IllegalArgumentException("unknown attribute '" + name + "'");
            }
            AttributeValues.check(name, attributes.get(name));
        }
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        Objects.requireNonNull(source, "source");
    }

    public Provider provider() {
        return key.provider();
    }

    /** The idempotency key: provider and event id. */
    public String dedupKey() {
        return key.provider().code() + ":" + eventId;
    }

    public Optional<String> attribute(KeyAttribute name) {
        return Optional.ofNullable(attributes.get(name.wireName()));
    }

    public boolean succeeded() {
        return outcome.succeeded();
    }
}
