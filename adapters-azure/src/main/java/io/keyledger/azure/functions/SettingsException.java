package io.keyledger.azure.functions;

/** A function app setting is missing or malformed; the message names the app setting. */
public final class SettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
