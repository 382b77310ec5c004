package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.retention.LegalHold;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger legal-hold list}: the holds standing, in every tenant or one. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lists the legal holds standing in every tenant, or in --tenant.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class LegalHoldListCommand implements Callable<Integer> {

    private static final List<Column<LegalHold>> COLUMNS = List.of(
            Column.of("TENANT", LegalHold::tenant),
            Column.of("KEY", h -> h.keyId().orElse("(whole tenant)")),
            Column.of("PLACED AT", h -> h.placedAt().toString()),
            Column.of("PLACED BY", LegalHold::placedBy),
            Column.of("REASON", LegalHold::reason));

    private static final List<Column<LegalHold>> CSV = List.of(
            Column.of("tenant", LegalHold::tenant),
            Column.of("keyId", h -> h.keyId().orElse("")),
            Column.of("placedAt", h -> h.placedAt().toString()),
            Column.of("placedBy", LegalHold::placedBy),
            Column.of("reason", LegalHold::reason));

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's holds.")
    private String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    LegalHoldListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<LegalHold> holds = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            // Holds are part of the audit trail (each is ledgered), so seeing them takes READ_LEDGER.
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_LEDGER)) {
                holds.addAll(session.store().legalHolds(t));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> JsonOutput.print(out, holds.stream().map(LegalHoldListCommand::json).toList());
            case CSV -> Csv.print(out, CSV, holds);
            case TABLE -> {
                if (holds.isEmpty()) {
                    out.println("No legal holds.");
                } else {
                    Table.print(out, COLUMNS, holds);
                }
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(LegalHold h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", h.tenant());
        m.put("keyId", h.keyId().orElse(null));
        m.put("reason", h.reason());
        m.put("placedBy", h.placedBy());
        m.put("placedAt", h.placedAt().toString());
        return m;
    }
}
