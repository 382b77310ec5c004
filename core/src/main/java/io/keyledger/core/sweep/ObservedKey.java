package io.keyledger.core.sweep;

import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a provider's list and describe APIs say of one key, in the attribute vocabulary of events
 * ({@link KeyAttribute} wire names: {@code state}, {@code nativeState}, {@code algorithm}, {@code tag.X}...).
 *
 * @param unreadable why the key's details could not be read (access denied by its key policy, say):
 *                   such a key is kept as partially observed, with what the listing did say
 */
public record ObservedKey(KeyRef ref, Map<String, String> attributes, List<KeyVersion> versions,
                          Optional<String> unreadable) {

    public ObservedKey {
        Objects.requireNonNull(ref, "ref");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!KeyAttribute.isValidName(a.getKey())) {
                throw new IllegalArgumentException("unknown attribute '" + a.getKey() + "' of key " + ref.id());
            }
            AttributeValues.check(a.getKey(), a.getValue());
        }
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        versions = List.copyOf(versions);
        Objects.requireNonNull(unreadable, "unreadable");
    }

    public Optional<String> attribute(KeyAttribute name) {
        return Optional.ofNullable(attributes.get(name.wireName()));
    }
}
