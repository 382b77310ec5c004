package io.keyledger.local.cli;

import io.keyledger.core.access.Operation;
import io.keyledger.functions.feed.Partners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What the feed commands share: the partners file and the one tenant a feed is of. */
final class FeedOptions {

    @Option(names = "--partners", paramLabel = "FILE",
            description = "Partners file, JSON (default: <home>/partners.json when it exists). See docs/FEEDS.md.")
    private Path partners;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant (needed when the database holds several).")
    private String tenant;

    /** The partners of the file given, else of {@code <home>/partners.json}, else none. */
    Partners partners(HomeOptions home) {
        return partners(partners, home);
    }

    /** The partners of {@code given}, else of {@code <home>/partners.json} when it exists, else none. */
    static Partners partners(Path given, HomeOptions home) {
        Optional<Path> file = given != null ? Optional.of(given)
                : Optional.of(home.home().resolve("partners.json")).filter(Files::isRegularFile);
        try {
            return file.map(Partners::read).orElse(Partners.NONE);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The tenant asked for, or the database's only one, if the local user may do {@code operation} there. */
    String tenant(LocalSession session, Operation operation) {
        List<String> tenants = session.tenants(Optional.ofNullable(tenant), operation);
        if (tenants.isEmpty()) {
            throw new CliException("the database holds no tenant yet");
        }
        if (tenants.size() > 1) {
            throw new CliException("the database holds several tenants (" + String.join(", ", tenants)
                    + "): name one with --tenant");
        }
        return tenants.get(0);
    }
}
