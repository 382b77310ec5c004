package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.functions.feed.FeedRefusedException;
import io.keyledger.functions.feed.ImportedFeed;
import io.keyledger.functions.report.ReportService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger import}: a partner's signed feed, verified against the public key configured for it, its
 * keys recorded as partner-held (never in the tenant's own inventory).
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Imports a partner's signed coordination feed.",
                "%nThe feed must verify with the public key of a partner in the partners file that exchanges feeds "
                        + "with the tenant; its keys are then recorded as held by that partner, apart from the "
                        + "tenant's inventory ('keyledger partner-keys' lists them), and the import is ledgered. A bad "
                        + "signature, an unknown signer, a document that is not a feed, or a feed older than one "
                        + "already imported from the partner is refused, and nothing is stored. See docs/FEEDS.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The feed was imported (or had been already).", "1:The feed was refused, or another error "
                + "(the message says which).", ExitCodes.USAGE_LINE})
final class ImportCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Mixin
    private FeedOptions feedOptions;

    @Parameters(index = "0", paramLabel = "FEED", description = "The partner's feed file.")
    private Path feedFile;

    @Option(names = "--signature", paramLabel = "FILE", description = "Its detached signature (default: FEED.sig).")
    private Path signatureFile;

    ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path sig = signatureFile != null ? signatureFile : feedFile.resolveSibling(feedFile.getFileName() + ".sig");
        byte[] feed = read(feedFile, "the feed");
        byte[] signature = read(sig, "the signature");
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            String tenant = feedOptions.tenant(session, Operation.IMPORT_FEED);
            CoreServices services = session.services(LocalAlerts.settings(home));
            CoordinationFeeds feeds = CoordinationFeeds.of(services, ReportService.of(services),
                    feedOptions.partners(home), Optional.of(session.store().partnerKeys()));
            ImportedFeed imported;
            try {
                imported = feeds.importFeed(tenant, feed, signature, session.actorId());
            } catch (FeedRefusedException e) {
                throw new CliException("refused " + feedFile + ": " + e.getMessage() + "; nothing was stored");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (imported.alreadyImported()) {
                out.println("Feed " + imported.feedId() + " of partner " + imported.partner()
                        + " was imported before; nothing changed.");
            } else {
                out.println("Imported feed " + imported.feedId() + " of partner " + imported.partner() + " ("
                        + imported.relation() + ", generated " + imported.generatedAt() + ") into tenant " + tenant
                        + ": " + imported.keys() + " partner-held keys recorded, " + imported.changes()
                        + " changes listed.");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static byte[] read(Path file, String what) throws IOException {
        try {
            if (Files.size(file) > CoordinationFeeds.MAX_FEED_BYTES) {
                throw new CliException(file + ": " + what + " is larger than " + CoordinationFeeds.MAX_FEED_BYTES
                        + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file (" + what + ")");
        }
    }
}
