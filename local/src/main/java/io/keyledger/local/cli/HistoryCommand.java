package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Resource;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyledger history KEY}: every recorded change of one key, in event-time order. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Shows a key's history.",
                "%nEach event of the key, in event-time order, with who, when, from where, and the lifecycle state "
                        + "before and after. Without --tenant the key is looked up in every tenant."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, "1:Error (message on stderr), e.g. no such key in the tenant(s).",
                ExitCodes.USAGE_LINE})
final class HistoryCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Parameters(paramLabel = "KEY", description = "The key id, as 'keyledger keys' shows it (e.g. aws:arn:aws:kms:...).")
    private String keyId;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Look in this tenant only.")
    private String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    HistoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            InventoryService inventory = session.readingServices(CoreSettings.DEFAULTS.withoutAnomalyDetection(),
                    List.of()).inventory();
            List<String> tenants = session.tenants(Optional.ofNullable(tenant), Operation.READ_HISTORY);
            List<List<HistoryEntry>> found = new ArrayList<>();
            for (String t : tenants) {
                session.require(t, Operation.READ_HISTORY, Resource.key(t, keyId));
                List<HistoryEntry> history = inventory.history(t, keyId);
                if (!history.isEmpty()) {
                    found.add(history);
                }
            }
            if (found.isEmpty()) {
                // A key record outlives its events when they pass retention first: say so rather than "no key".
                for (String t : tenants) {
                    Optional<CryptoAsset> key = inventory.asset(t, keyId);
                    if (key.isPresent() && key.get().provenance().usesOnly()) {
                        throw new CliException("key '" + keyId + "' in tenant " + t + " is known from its uses only,"
                                + " which are aggregated, not kept in the history" + protects(key.get()));
                    }
                    if (key.isPresent()) {
                        throw new CliException("key '" + keyId + "' in tenant " + t
                                + " has no history left: its events passed their retention and were purged");
                    }
                }
                throw new CliException("no key '" + keyId + "' in " + describe(tenants));
            }
            Optional<CryptoAsset> key = Optional.empty();
            for (String t : tenants) {
                key = key.or(() -> inventory.asset(t, keyId));
            }
            print(spec.commandLine().getOut(), found, key);
        }
        return ExitCodes.OK;
    }

    private static String describe(List<String> tenants) {
        if (tenants.isEmpty()) {
            return "any tenant (the database is empty)";
        }
        return (tenants.size() == 1 ? "tenant " : "tenants ") + String.join(", ", tenants);
    }

    /** "; it protects a, b and 3 more", or nothing. */
    private static String protects(CryptoAsset key) {
        var p = key.usageContext().protects();
        if (p.isEmpty()) {
            return "";
        }
        return "; it protects " + String.join(", ", p.names()) + (p.unnamed() > 0 ? " and "
                + (p.exact() ? "" : "about ") + p.unnamed() + " more" : "");
    }

    private void print(PrintWriter out, List<List<HistoryEntry>> byTenant, Optional<CryptoAsset> key) {
        List<HistoryEntry> all = byTenant.stream().flatMap(List::stream).toList();
        switch (format) {
            case JSON -> JsonOutput.print(out, all.stream().map(HistoryView::json).toList());
            case CSV -> Csv.print(out, HistoryView.CSV, all);
            case TABLE -> {
                for (List<HistoryEntry> history : byTenant) {
                    out.println("History of " + Table.printable(keyId) + " in tenant " + history.get(0).stored().tenant()
                            + " (" + history.size() + (history.size() == 1 ? " entry):" : " entries):"));
                    Table.print(out, HistoryView.TABLE, history);
                    out.println();
                }
                // Uses are aggregated, not listed: what they add up to is the key's protected resources.
                key.filter(k -> !k.usageContext().protects().isEmpty()).ifPresent(k ->
                        out.println(Table.printable("Protects, from its uses" + protects(k).replaceFirst("^; it protects", ":"))));
                out.flush();
            }
        }
    }
}
