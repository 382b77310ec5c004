package io.keyledger.local.cli;

/**
 * An expected failure (bad file, unknown key, missing database): reported as one line on stderr,
 * never with a stack trace, and ending the command with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(String message) {
        this(ExitCodes.ERROR, message);
    }

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
