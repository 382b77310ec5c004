package io.keyledger.azure.format;

/** How a decoder treats a native operation. */
public enum Handling {
    /** A change of the key: an event with the operation's action. */
    CHANGE,
    /** A KeyUpdate: the action follows from what the record carries (enabled, dates, tags). */
    UPDATE,
    /** A cryptographic use: an aggregated USE event. */
    USE,
    /** Nothing about a key: an Ignored record with the reason given. */
    IGNORED
}
