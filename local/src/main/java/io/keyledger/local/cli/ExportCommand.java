package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.functions.feed.FeedPoint;
import io.keyledger.functions.feed.FeedRefusedException;
import io.keyledger.functions.feed.SignedFeed;
import io.keyledger.functions.report.ReportService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger export}: the tenant's coordination feed (its inventory as a CycloneDX 1.6 CBOM and its
 * lifecycle changes since a point), signed with the ledger signing key, for an upstream or downstream party.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Writes the tenant's signed coordination feed for a partner.",
                "%nThe feed is one JSON file: the inventory as a CycloneDX 1.6 CBOM and the lifecycle changes the "
                        + "ledger recorded after --since. Its detached signature (ECDSA P-256, SHA-256, DER; the "
                        + "ledger signing key) goes to FILE.sig. Stock OpenSSL verifies it with the public key "
                        + "('keyledger checkpoints public-key'): openssl dgst -sha256 -verify key.pem -signature "
                        + "FILE.sig FILE. The export is ledgered. See docs/FEEDS.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The feed and its signature were written.", ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class ExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Mixin
    private FeedOptions feedOptions;

    @Option(names = "--since", paramLabel = "SEQUENCE|INSTANT",
            description = "Changes recorded after this ledger record (the previous feed's throughSequence), or at or "
                    + "after this instant (default: every change).")
    private String since;

    @Option(names = "--to", paramLabel = "PARTNER", description = "The partner it is for (named in the feed).")
    private String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The feed file; the signature goes to FILE.sig.")
    private Path output;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        FeedPoint point;
        try {
            point = FeedPoint.parse(since);
        } catch (IllegalArgumentException e) {
            throw new CliException("--" + e.getMessage());
        }
        Path signatureFile = output.resolveSibling(output.getFileName() + ".sig");
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            String tenant = feedOptions.tenant(session, Operation.EXPORT_FEED);
            CoreServices services = session.services(LocalAlerts.settings(home));
            CoordinationFeeds feeds = CoordinationFeeds.of(services, ReportService.of(services),
                    feedOptions.partners(home), Optional.of(session.store().partnerKeys()));
            SignedFeed feed;
            try {
                feed = feeds.export(tenant, point, Optional.ofNullable(to), session.actorId());
            } catch (IllegalArgumentException e) {
                throw new CliException("--" + e.getMessage());
            } catch (FeedRefusedException e) {
                throw new CliException(e.getMessage());
            }
            Files.write(output, feed.feed());
            Files.write(signatureFile, feed.signature());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote feed " + feed.feedId() + " of tenant " + tenant + " to " + output + ": " + feed.keys()
                    + " keys, " + feed.changes() + " changes, through ledger record " + feed.throughSequence() + ".");
            out.println("Signature (key " + feed.keyId() + "): " + signatureFile);
            out.println("Verify:    keyledger checkpoints public-key > ledger-key.pem && openssl dgst -sha256 -verify "
                    + "ledger-key.pem -signature " + signatureFile + " " + output);
            out.println("Next feed: keyledger export --since " + feed.throughSequence() + " -o FILE");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
