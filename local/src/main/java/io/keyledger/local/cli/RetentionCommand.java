package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.retention.RetentionPolicy;
import java.io.PrintWriter;
import java.time.Period;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger retention}: shows and sets a tenant's retention policy (and its hot window). */
@Command(name = "retention",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Shows or sets each tenant's retention policy.",
                "%nHow long history (events), ledger records and destroyed keys' records are kept (7 years by "
                        + "default), and how long ledger records stay in the database before 'archive' moves them "
                        + "(90 days). Setting a policy is ledgered, signed, and recomputes every expiry."},
        subcommands = {RetentionCommand.Show.class, RetentionCommand.Set.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class RetentionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: show or set");
    }

    static String describe(String tenant, RetentionPolicy p) {
        return "tenant " + tenant + ": history " + p.history() + ", ledger " + p.ledger() + ", destroyed keys' records "
                + p.destroyedMetadata() + ", hot window " + p.hotWindow();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Shows the retention policy of every tenant, or of --tenant.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
    static final class Show implements Callable<Integer> {
        private final CliContext context;

        @Spec
        private CommandSpec spec;

        @Mixin
        private HomeOptions home;

        @Option(names = "--tenant", paramLabel = "TENANT", description = "This tenant only.")
        private String tenant;

        Show(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalSession session = LocalSession.openExisting(context, home)) {
                for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_LEDGER)) {
                    out.println(describe(t, session.store().retentionPolicy(t)));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Sets a tenant's retention policy; what is not given stays as it is. Periods are ISO-8601 "
                    + "(P7Y, P90D).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
    static final class Set implements Callable<Integer> {
        private final CliContext context;

        @Spec
        private CommandSpec spec;

        @Mixin
        private HomeOptions home;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant.")
        private String tenant;

        @Option(names = "--history", paramLabel = "PERIOD", description = "How long events are kept, from their time.")
        private Period history;

        @Option(names = "--ledger", paramLabel = "PERIOD", description = "How long ledger records are kept.")
        private Period ledger;

        @Option(names = "--destroyed", paramLabel = "PERIOD",
                description = "How long a destroyed key's record is kept, from its destruction.")
        private Period destroyed;

        @Option(names = "--hot-window", paramLabel = "PERIOD",
                description = "How long ledger records stay in the database before 'archive' moves them.")
        private Period hotWindow;

        Set(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalSession session = LocalSession.openExisting(context, home)) {
                session.require(tenant, Operation.MANAGE_POLICIES, Resource.tenant(tenant));
                RetentionPolicy current = session.store().retentionPolicy(tenant);
                RetentionPolicy next;
                try {
                    next = new RetentionPolicy(Optional.ofNullable(history).orElse(current.history()),
                            Optional.ofNullable(ledger).orElse(current.ledger()),
                            Optional.ofNullable(destroyed).orElse(current.destroyedMetadata()),
                            Optional.ofNullable(hotWindow).orElse(current.hotWindow()));
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
                session.services().retention().setPolicy(tenant, next, session.actorId());
                out.println("Set " + describe(tenant, next));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
