package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.functions.report.ReportRequest;
import io.keyledger.functions.report.ReportService;
import io.keyledger.functions.report.Reports;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger report NAME}: writes one of the auditor reports (docs/REPORTS.md) to standard
 * output or a file, streamed as it is read from the database.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Writes an auditor report: inventory, changes, sweeps, evidence, pqc or rotation.",
                "%nFormats: inventory csv|json|cbom (CycloneDX 1.6)|cbom-1.7; evidence json|html; the others csv|json. "
                        + "The report is written as it is read, so it may be of any size. See docs/REPORTS.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The report was written.", "1:An error (the message says which).", ExitCodes.USAGE_LINE})
final class ReportCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Parameters(index = "0", paramLabel = "NAME", description = "inventory, changes, sweeps, evidence, pqc or rotation.")
    private String name;

    @Option(names = "--format", paramLabel = "FORMAT", description = "The report's format (default: its first one).")
    private String format;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "The tenant to report on (needed when the database holds several).")
    private String tenant;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Start of the period, e.g. 2026-01-01T00:00:00Z.")
    private String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End of the period (exclusive).")
    private String to;

    @Option(names = "--provider", paramLabel = "aws|azure|gcp", description = "Only this cloud's keys.")
    private Provider provider;

    @Option(names = "--state", paramLabel = "STATE", description = "Only keys in this lifecycle state.")
    private LifecycleState state;

    @Option(names = "--owner", paramLabel = "OWNER", description = "Only keys with this owner.")
    private String owner;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
    private Path output;

    ReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            Reports reports = ReportService.of(session.services(LocalAlerts.settings(home)));
            if (!reports.names().contains(name)) {
                throw new CliException("unknown report '" + name + "' (expected " + String.join(", ", reports.names()) + ")");
            }
            String chosenFormat = format != null ? format : reports.formats(name).get(0);
            if (!reports.formats(name).contains(chosenFormat)) {
                throw new CliException("--format: report " + name + " comes as " + String.join(", ", reports.formats(name))
                        + ", not '" + chosenFormat + "'");
            }
            String t = oneTenant(session);
            ReportRequest request = new ReportRequest(name, chosenFormat, instant("--from", from), instant("--to", to),
                    filter());
            try (OutputStream out = open()) {
                reports.write(t, request, out);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (output != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("Wrote the " + name + " report of tenant " + t + " (" + chosenFormat + ") to " + output);
                err.flush();
            }
        }
        return ExitCodes.OK;
    }

    private String oneTenant(LocalSession session) {
        List<String> tenants = session.tenants(Optional.ofNullable(tenant), Operation.READ_REPORTS);
        if (tenants.isEmpty()) {
            throw new CliException("the database holds no tenant yet");
        }
        if (tenants.size() > 1) {
            throw new CliException("the database holds several tenants (" + String.join(", ", tenants)
                    + "): name one with --tenant");
        }
        return tenants.get(0);
    }

    private AssetQuery filter() {
        AssetQuery q = AssetQuery.ALL;
        if (provider != null) {
            q = q.withProvider(provider);
        }
        if (state != null) {
            q = q.withState(state);
        }
        if (owner != null) {
            q = q.withOwner(owner);
        }
        return q;
    }

    private static Optional<Instant> instant(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new CliException(option + ": expected an instant such as 2026-01-01T00:00:00Z, not '" + value + "'");
        }
    }

    /** The file, or the command's output (which closing only flushes). */
    private OutputStream open() throws IOException {
        if (output != null) {
            return new BufferedOutputStream(Files.newOutputStream(output));
        }
        return new BufferedOutputStream(new WriterOutputStream(spec.commandLine().getOut()));
    }
}
