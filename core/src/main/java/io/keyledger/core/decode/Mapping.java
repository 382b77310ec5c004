package io.keyledger.core.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of a provider's mapping table: a native value (an operation, a state, a spec), what KeyLedger
 * makes of it, and a note. A provider's enums declare their rows; {@link MappingTable} renders them into
 * the provider's documentation, so that the documented mapping is the one the decoders apply.
 *
 * @param nativeValue the value as the provider writes it ({@code PendingDeletion}, {@code KeyCreate})
 * @param value       what KeyLedger makes of it: a core value, or the provider's entry itself when it maps to
 *                    several
 * @param note        anything the reader should know; empty if nothing
 */
public record Mapping<V>(String nativeValue, V value, String note) {

    public Mapping {
        Objects.requireNonNull(nativeValue, "nativeValue");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(note, "note");
    }

    /** A row without a note. */
    public static <V> Mapping<V> of(String nativeValue, V value) {
        return new Mapping<>(nativeValue, value, "");
    }

    /**
     * The entry of a provider's enum whose constant is named exactly as the provider writes the value
     * ({@code SYMMETRIC_DEFAULT}, {@code ENABLED}); empty for any other text, null included.
     */
    public static <E extends Enum<E>> Optional<E> entryNamed(Class<E> type, String nativeValue) {
        for (E entry : type.getEnumConstants()) {
            if (entry.name().equals(nativeValue)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
