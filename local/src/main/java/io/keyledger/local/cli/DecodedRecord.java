package io.keyledger.local.cli;

import io.keyledger.core.event.KeyEvent;

/** What a decoder made of one record; {@code location} is {@code <file>:<line>} for messages. */
sealed interface DecodedRecord {

    String location();

    record Event(String location, KeyEvent event) implements DecodedRecord {
    }

    /** A record that is not a valid event; the message names the field at fault. */
    record Malformed(String location, String message) implements DecodedRecord {
    }
}
