package io.keyledger.gcp.functions;

/** A function's setting is missing or malformed; the message names the environment variable. */
public final class SettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
