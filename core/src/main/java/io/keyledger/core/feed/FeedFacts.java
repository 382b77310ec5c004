package io.keyledger.core.feed;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The coordination feeds a tenant exchanged, read from its ledger ({@code FEED_EXPORTED},
 * {@code FEED_IMPORTED}): how many each way, when, with whom, and each partner's newest feed imported.
 */
public final class FeedFacts {

    /** The newest feed imported from one partner. */
    public record Imported(String feedId, Instant generatedAt, Instant recordedAt, long keys) {
    }

    private long exported;
    private long imported;
    private Optional<Instant> lastExportedAt = Optional.empty();
    private Optional<Instant> lastImportedAt = Optional.empty();
    private final Map<String, Long> byPartner = new TreeMap<>();
    private final Map<String, Imported> newestByPartner = new TreeMap<>();
    private final Set<String> importedFeedIds = new HashSet<>();

    /** Reads the tenant's ledger through (expired records included), a page at a time. */
    public static FeedFacts gather(LedgerStore store, String tenant) {
        FeedFacts f = new FeedFacts();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.empty(), true, request);
            page.items().forEach(f::add);
            if (page.nextCursor().isEmpty()) {
                return f;
            }
            request = request.next(page.nextCursor().get());
        }
    }

    /** Takes in one ledger record (of any type; only feed records count). */
    public void add(LedgerRecord r) {
        if (r.type() != LedgerEntryType.FEED_EXPORTED && r.type() != LedgerEntryType.FEED_IMPORTED) {
            return;
        }
        try {
            JsonNode body = Json.mapper().readTree(r.payload());
            if (r.type() == LedgerEntryType.FEED_EXPORTED) {
                exported++;
                lastExportedAt = later(lastExportedAt, r.recordedAt());
                String to = body.path("to").asString("");
                if (!to.isBlank()) {
                    byPartner.merge(to, 1L, Long::sum);
                }
                return;
            }
            imported++;
            lastImportedAt = later(lastImportedAt, r.recordedAt());
            String partner = body.path("partner").asString();
            byPartner.merge(partner, 1L, Long::sum);
            String feedId = body.path("feedId").asString();
            importedFeedIds.add(feedId);
            Imported i = new Imported(feedId, Instant.parse(body.path("generatedAt").asString()), r.recordedAt(),
                    body.path("keys").asLong());
            newestByPartner.merge(partner, i, (a, b) -> b.generatedAt().isAfter(a.generatedAt()) ? b : a);
        } catch (JacksonException | DateTimeParseException e) {
            // an altered record: the ledger's verification names it
        }
    }

    private static Optional<Instant> later(Optional<Instant> current, Instant at) {
        return current.filter(c -> c.isAfter(at)).or(() -> Optional.of(at));
    }

    public long exported() {
        return exported;
    }

    public long imported() {
        return imported;
    }

    public Optional<Instant> lastExportedAt() {
        return lastExportedAt;
    }

    public Optional<Instant> lastImportedAt() {
        return lastImportedAt;
    }

    /** The newest exchange either way. */
    public Optional<Instant> lastExchangedAt() {
        return lastImportedAt.isEmpty() ? lastExportedAt
                : lastExportedAt.isEmpty() ? lastImportedAt : later(lastExportedAt, lastImportedAt.get());
    }

    /** Feeds exchanged per partner: imported from it, and exported to it where the export named it. */
    public Map<String, Long> byPartner() {
        return new LinkedHashMap<>(byPartner);
    }

    /** Each partner's newest feed imported (by the partner's own generation time). */
    public Map<String, Imported> newestByPartner() {
        return new LinkedHashMap<>(newestByPartner);
    }

    public boolean importedAlready(String feedId) {
        return importedFeedIds.contains(feedId);
    }

    /** The keys partners hold, as each one's newest feed listed them. */
    public long partnerHeldKeys() {
        return newestByPartner.values().stream().mapToLong(Imported::keys).sum();
    }
}
