package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
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

/** {@code keyledger partner-keys}: the keys partners hold, as their imported feeds list them. */
@Command(name = "partner-keys",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the partner-held keys recorded from imported feeds.",
                "%nThey are the partners' keys, not the tenant's: 'keyledger keys' never lists them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class PartnerKeysCommand implements Callable<Integer> {

    private static final List<Column<PartnerKey>> COLUMNS = List.of(
            Column.of("PARTNER", PartnerKey::partner),
            Column.of("STATE", PartnerKey::state),
            Column.of("ALGORITHM", PartnerKey::algorithm),
            Column.of("RESPONSIBLE", PartnerKey::responsibleParty),
            Column.of("FEED OF", k -> k.feedGeneratedAt().toString()),
            Column.of("KEY", PartnerKey::keyId));

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant.")
    private String tenant;

    @Option(names = "--partner", paramLabel = "PARTNER", description = "Only this partner's keys.")
    private String partner;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    PartnerKeysCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (format == OutputFormat.CSV) {
            throw new CliException("--format: table or json");
        }
        List<PartnerKey> keys = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_INVENTORY)) {
                PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
                while (true) {
                    Page<PartnerKey> page = session.store().partnerKeys().partnerKeys(t, Optional.ofNullable(partner),
                            request);
                    keys.addAll(page.items());
                    if (page.nextCursor().isEmpty()) {
                        break;
                    }
                    request = request.next(page.nextCursor().get());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            JsonOutput.print(out, keys.stream().map(PartnerKeysCommand::json).toList());
            return ExitCodes.OK;
        }
        if (keys.isEmpty()) {
            out.println("No partner-held keys: import a partner's feed with 'keyledger import'.");
        } else {
            Table.print(out, COLUMNS, keys);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(PartnerKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partner", k.partner());
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("state", k.state());
        m.put("algorithm", k.algorithm());
        m.put("provider", k.provider().orElse(null));
        m.put("heldBy", k.partner());
        m.put("responsibleParty", k.responsibleParty());
        m.put("statedParty", k.statedParty().orElse(null));
        m.put("feedId", k.feedId());
        m.put("feedGeneratedAt", k.feedGeneratedAt().toString());
        m.put("recordedAt", k.recordedAt().toString());
        return m;
    }
}
