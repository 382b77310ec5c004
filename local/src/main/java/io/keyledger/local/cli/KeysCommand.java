package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.KeysWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger keys}: the inventory, filtered. */
@Command(name = "keys",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the keys in the inventory.",
                "%nEvery tenant's keys, unless --tenant is given, in tenant and key id order."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class KeysCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 500;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's keys.")
    private String tenant;

    @Option(names = "--provider", paramLabel = "aws|azure|gcp", description = "Only this cloud's keys.")
    private Provider provider;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only keys in this lifecycle state: ${COMPLETION-CANDIDATES}.")
    private LifecycleState state;

    @Option(names = "--owner", paramLabel = "OWNER", description = "Only keys with this owner.")
    private String owner;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    KeysCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            AssetQuery query = AssetQuery.ALL;
            if (provider != null) {
                query = query.withProvider(provider);
            }
            if (state != null) {
                query = query.withState(state);
            }
            if (owner != null) {
                query = query.withOwner(owner);
            }
            List<CryptoAsset> keys = new ArrayList<>();
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_INVENTORY)) {
                keys.addAll(all(session, t, query));
            }
            print(spec.commandLine().getOut(), format, keys);
        }
        return ExitCodes.OK;
    }

    static List<CryptoAsset> all(LocalSession session, String tenant, AssetQuery query) {
        List<CryptoAsset> out = new ArrayList<>();
        KeysWithUsage keys = new KeysWithUsage(session.store());
        PageRequest request = PageRequest.first(PAGE_SIZE);
        while (true) {
            Page<CryptoAsset> page = keys.keys(tenant, query, request);
            out.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return out;
            }
            request = request.next(page.nextCursor().get());
        }
    }

    static void print(PrintWriter out, OutputFormat format, List<CryptoAsset> keys) {
        switch (format) {
            case JSON -> JsonOutput.print(out, keys.stream().map(AssetView::json).toList());
            case CSV -> Csv.print(out, AssetView.CSV, keys);
            case TABLE -> {
                if (keys.isEmpty()) {
                    out.println("No keys.");
                } else {
                    Table.print(out, AssetView.TABLE, keys);
                    out.println();
                    out.println(keys.size() + (keys.size() == 1 ? " key" : " keys"));
                }
                out.flush();
            }
        }
    }
}
