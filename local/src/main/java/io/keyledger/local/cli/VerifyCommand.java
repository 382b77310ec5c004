package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.signing.SigningPublicKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger verify}: verifies each tenant's ledger and what it attests with the public key only,
 * and names every record at fault.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Verifies each tenant's ledger, with the public key only.",
                "%nThe hash chain (archived segments included), the signed checkpoints (from the database and the "
                        + "checkpoints file), the retention settings, and each key's record and stored events against "
                        + "what the ledger attests. Every finding names the record and the reason. Works on a copy of "
                        + "the database elsewhere: give --db, --public-key and --checkpoints. Every tenant is "
                        + "verified, or only --tenant."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every ledger verified is intact.",
                "1:A ledger is broken (each finding is named), or another error.",
                ExitCodes.USAGE_LINE})
final class VerifyCommand implements Callable<Integer> {

    /** Findings printed per tenant; the count says how many more there are. */
    private static final int SHOWN = 20;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Verify this tenant's ledger only.")
    private String tenant;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "A public key (PEM) signatures must verify with; repeatable. Default: the public key of "
                    + "the local signing key ('keyledger checkpoints public-key' prints it).")
    private List<Path> publicKeys = new ArrayList<>();

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SigningPublicKey> given = PublicKeyFiles.read(publicKeys);
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            List<SigningPublicKey> keys = session.trustedKeys(given);
            if (keys.isEmpty()) {
                throw new CliException("no ledger signing key at " + home.signingKey() + " to verify with: give its "
                        + "public key with --public-key FILE");
            }
            LedgerVerifier verifier = session.readingServices(CoreSettings.DEFAULTS.withoutAnomalyDetection(), keys)
                    .verifier();
            List<String> tenants = session.tenants(Optional.ofNullable(tenant), Operation.VERIFY_LEDGER);
            if (tenants.isEmpty()) {
                out.println("No ledgers to verify: " + session.dbFile() + " is empty.");
                out.flush();
                return ExitCodes.OK;
            }
            int broken = 0;
            Instant now = context.clock().instant();
            for (String t : tenants) {
                LedgerVerification v = verifier.verify(t);
                out.println(describe(v));
                out.println("  " + checkpoint(v, now));
                v.breaks().stream().limit(SHOWN).forEach(b -> out.println("  " + b));
                if (v.breaks().size() > SHOWN) {
                    out.println("  ... and " + (v.breaks().size() - SHOWN) + " more"
                            + (v.breaks().size() == LedgerVerification.MAX_BREAKS ? " (at least)" : ""));
                }
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
                + v.purgedRecords() + " purged records attested, " + v.segments() + " archived segments, "
                + v.keysChecked() + " keys and " + v.eventsChecked() + " events checked against it, head "
                + v.head().sequence() + " " + v.head().hash();
    }

    /** What the checkpoints say, in one line. */
    static String checkpoint(LedgerVerification v, Instant now) {
        LedgerVerification.Checkpoints c = v.checkpoints();
        Optional<Checkpoint> newest = c.newest();
        String state = switch (c.state()) {
            case VERIFIED -> "verified";
            case FAILED -> "FAILED";
            case NONE -> "none signed yet";
            case NOT_CHECKED -> "not checked (no public key)";
        };
        return "checkpoints: " + state + newest.map(n -> "; newest covers record " + n.sequence() + ", signed "
                + n.signedAt() + " (" + age(Duration.between(n.signedAt(), now)) + " ago) by key " + n.keyId()
                + (c.anchored() ? ", also in the checkpoints file" : ", NOT in the checkpoints file")).orElse("");
    }

    static String age(Duration d) {
        if (d.isNegative()) {
            return "0 s";
        }
        if (d.toDays() > 0) {
            return d.toDays() + " d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** For other commands' messages. */
    static String first(LedgerVerification v) {
        return v.firstBreak().map(LedgerBreak::toString).orElse("intact");
    }
}
