package io.keyledger.local.cli;

import io.keyledger.core.access.AccessDeniedException;
import io.keyledger.core.decode.Printable;
import io.keyledger.core.key.Provider;
import io.keyledger.local.sqlite.StoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code keyledger} command: the local inventory on an embedded SQLite database. */
@Command(name = "keyledger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"KeyLedger: a multi-cloud cryptographic key inventory, on an embedded SQLite database.",
                "Try 'keyledger demo' first."},
        subcommands = {IngestCommand.class, KeysCommand.class, HistoryCommand.class, VerifyCommand.class,
                PurgeExpiredCommand.class, LegalHoldCommand.class, SweepCommand.class, SweepsCommand.class,
                KeyStoresCommand.class,
                AlertsCommand.class, ReviewCommand.class, ReportCommand.class, ServeCommand.class, TokenCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nFiles:%n",
        footer = "$KEYLEDGER_HOME (default ~/.keyledger) holds keyledger.db and, optionally, tenants.json. Every "
                + "command takes --home, --db and --tenants to use others. See docs/CLI.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE,
                "2:ingest only: some records or inputs were not applied (malformed, rejected, over a limit or "
                        + "unreadable), the others were applied.",
                ExitCodes.USAGE_LINE})
public final class KeyLedgerCli implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.ofSystem()).execute(args));
    }

    /** The command line with its handlers; tests drive it in-process with their own context and writers. */
    public static CommandLine commandLine(CliContext context) {
        CliFactory factory = new CliFactory(context);
        CommandLine cli = new CommandLine(new KeyLedgerCli(), factory);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Provider.class, KeyLedgerCli::provider);
        cli.setExecutionExceptionHandler(KeyLedgerCli::handleExecutionException);
        cli.setParameterExceptionHandler(KeyLedgerCli::handleParameterException);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    private static Provider provider(String text) {
        try {
            return Provider.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** Expected failures get one line on stderr; only a bug gets a stack trace. */
    private static int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
        int exitCode = ExitCodes.ERROR;
        if (e instanceof CliException c) {
            err.println(prefix + Printable.lines(c.getMessage()));
            exitCode = c.exitCode();
        } else if (e instanceof StoreException || e instanceof AccessDeniedException
                || e instanceof UncheckedIOException) {
            err.println(prefix + Printable.lines(e.getMessage()));
        } else {
            err.println(prefix + "internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
