package io.keyledger.azure.format;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The action, attributes and version of an event being built. A version id goes only with an explicit
 * state (the version's, which is then the key's): an event about the whole key carries none, so that the
 * key's state never falls back on its versions' older states.
 */
final class Change {

    Action action = Action.UNCLASSIFIED;
    final Map<String, String> attributes = new LinkedHashMap<>();
    private Optional<String> version;

    Change(Optional<String> version) {
        this.version = version;
    }

    void state(KeyState state) {
        attributes.putAll(state.attributes());
    }

    void dates(Optional<Instant> notBefore, Optional<Instant> expires) {
        notBefore.ifPresent(d -> attributes.put(KeyAttribute.NOT_BEFORE.wireName(), d.toString()));
        expires.ifPresent(d -> attributes.put(KeyAttribute.EXPIRES_AT.wireName(), d.toString()));
    }

    /** The event is about the whole key, not one version. */
    void keyWide() {
        version = Optional.empty();
    }

    Action action() {
        return action;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    Optional<String> version() {
        return action == Action.USE || !attributes.containsKey(KeyAttribute.STATE.wireName())
                ? Optional.empty() : version;
    }
}
