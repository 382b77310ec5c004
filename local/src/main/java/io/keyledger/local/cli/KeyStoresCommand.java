package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.keystore.KeyStoreInventory;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.functions.views.JsonViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger key-stores}: the key stores and HSMs of the inventory, each with the keys it holds. */
@Command(name = "key-stores",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lists the key stores and HSMs (AWS custom key stores, Azure Managed HSM pools, Google "
                + "single-tenant HSM instances and EKM connections) of every tenant or of --tenant, with their keys.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class KeyStoresCommand implements Callable<Integer> {

    /** One key store and the ids of the keys it holds. */
    record Row(KeyStoreRecord store, List<String> keys) {
    }

    static final List<Column<Row>> TABLE = List.of(
            Column.of("TENANT", r -> r.store().tenant()),
            Column.of("KIND", r -> r.store().kindOrUnknown().name()),
            Column.of("NAME", r -> r.store().nameValue().orElse("")),
            Column.of("STATE", r -> r.store().stateValue().orElse("")),
            Column.of("KEYS", r -> Integer.toString(r.keys().size())),
            Column.of("PARTIAL", r -> Boolean.toString(r.store().partiallyObserved())),
            Column.of("KEY STORE", r -> r.store().id()));

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "This tenant only.")
    private String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private OutputFormat format;

    KeyStoresCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            KeyStoreInventory keyStores = new KeyStoreInventory(session.store(), context.clock());
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_INVENTORY)) {
                PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
                while (true) {
                    Page<KeyStoreRecord> records = session.store().keyStores(t, page);
                    for (KeyStoreRecord r : records.items()) {
                        rows.add(new Row(r, keyStores.keysOf(t, r.ref()).stream().map(CryptoAsset::id).toList()));
                    }
                    if (records.nextCursor().isEmpty()) {
                        break;
                    }
                    page = page.next(records.nextCursor().get());
                }
            }
        }
        switch (format) {
            case JSON -> JsonOutput.print(spec.commandLine().getOut(), rows.stream()
                    .map(r -> (Map<String, Object>) JsonViews.keyStore(r.store(), r.keys())).toList());
            case TABLE -> {
                Table.print(spec.commandLine().getOut(), TABLE, rows);
                spec.commandLine().getOut().flush();
            }
            default -> throw new CliException(ExitCodes.USAGE, "--format must be table or json");
        }
        return ExitCodes.OK;
    }
}
