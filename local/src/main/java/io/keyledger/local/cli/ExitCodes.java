package io.keyledger.local.cli;

/** Exit codes of every command, as listed in each command's help and in docs/CLI.md. */
final class ExitCodes {

    static final int OK = 0;
    /** A fatal error: unreadable file, database error, unknown key or tenant, or a broken ledger. */
    static final int ERROR = 1;
    /** Ingest only: some records were malformed or rejected; every other record was applied. */
    static final int REJECTED = 2;
    /** Wrong options or arguments (BSD sysexits EX_USAGE); kept apart from 2 so that scripts can tell them. */
    static final int USAGE = 64;

    static final String OK_LINE = "0:Success.";
    static final String ERROR_LINE = "1:Error (message on stderr): unreadable file, database error, unknown key or tenant.";
    static final String USAGE_LINE = "64:Wrong options or arguments.";

    private ExitCodes() {
    }
}
