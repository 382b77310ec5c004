package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyledger verify}: walks each tenant's hash-chained ledger and names the first broken record. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Verifies each tenant's hash-chained ledger.",
                "%nAny record altered, removed without a purge attesting it, or put out of place is found, and the "
                        + "first one is named. Every tenant is verified, or only --tenant."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every ledger verified is intact.",
                "1:A ledger is broken (the first broken record is named), or another error.",
                ExitCodes.USAGE_LINE})
final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Verify this tenant's ledger only.")
    private String tenant;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            LedgerVerifier verifier = session.services().verifier();
            List<String> tenants = session.tenants(Optional.ofNullable(tenant), Operation.VERIFY_LEDGER);
            if (tenants.isEmpty()) {
                out.println("No ledgers to verify: " + session.dbFile() + " is empty.");
                out.flush();
                return ExitCodes.OK;
            }
            int broken = 0;
            for (String t : tenants) {
                LedgerVerification v = verifier.verify(t);
                out.println(describe(v));
                if (!v.intact()) {
                    broken++;
                }
            }
            out.println(broken == 0
                    ? (tenants.size() == 1 ? "Ledger intact." : "All " + tenants.size() + " ledgers intact.")
                    : broken + " of " + tenants.size() + (tenants.size() == 1 ? " ledger" : " ledgers") + " BROKEN.");
            out.flush();
            return broken == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    static String describe(LedgerVerification v) {
        String status = v.firstBreak().map(b -> "BROKEN at " + b).orElse("intact");
        return "tenant " + v.tenant() + ": " + status + "; " + v.recordsChecked() + " records checked, "
                + v.purgedRecords() + " purged records attested, head " + v.head().sequence() + " " + v.head().hash();
    }
}
