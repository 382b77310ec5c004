package io.keyledger.functions.feed;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.feed.FeedFacts;
import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PartnerKeyStore;
import io.keyledger.functions.report.ReportRequest;
import io.keyledger.functions.report.Reports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Coordination feeds (CEK-21.10): a tenant's keys and lifecycle changes, signed, for its upstream and
 * downstream partners, and its partners' feeds, verified and recorded as partner-held keys.
 *
 * <p>A feed is one JSON document ({@value #FORMAT}): who made it and when, the point its change list starts
 * after and the ledger record it goes up to, the tenant's inventory as a CycloneDX 1.6 CBOM, and the list of
 * lifecycle changes (state before and after, what did it, when) from the ledger. It is signed detached with
 * the installation's ledger signing key (ECDSA P-256, SHA-256, DER), so that stock OpenSSL verifies it:
 * {@code openssl dgst -sha256 -verify KEY.pem -signature feed.json.sig feed.json}. Each export and import is
 * ledgered ({@code FEED_EXPORTED}, {@code FEED_IMPORTED}); a refused feed leaves nothing behind.
 *
 * <p>Feeds are built and checked in memory, at most {@value #MAX_FEED_BYTES} bytes each.
 */
public final class CoordinationFeeds {

    public static final String FORMAT = "keyledger-feed-v1";
    public static final int MAX_FEED_BYTES = 16 * 1024 * 1024;
    /** The accepted events whose action and time a change list can name; older ones are named by id only. */
    private static final int EVENTS_REMEMBERED = 10_000;

    private final InventoryStore store;
    private final Clock clock;
    private final Reports reports;
    private final Optional<Signer> signer;
    private final Partners partners;
    private final Optional<PartnerKeyStore> partnerKeys;
    private final RetentionService retention;
    private final CheckpointRequests checkpoints;

    public CoordinationFeeds(InventoryStore store, Clock clock, Reports reports, Optional<Signer> signer,
                             Partners partners, Optional<PartnerKeyStore> partnerKeys, RetentionService retention,
                             CheckpointRequests checkpoints) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.partners = Objects.requireNonNull(partners, "partners");
        this.partnerKeys = Objects.requireNonNull(partnerKeys, "partnerKeys");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /**
     * The feeds of an entry point's core services: signed with their ledger signer, if they have one, and the
     * partners' keys recorded in {@code partnerKeys}, if given.
     */
    public static CoordinationFeeds of(CoreServices services, Reports reports, Partners partners,
                                       Optional<PartnerKeyStore> partnerKeys) {
        return new CoordinationFeeds(services.store(), services.clock(), reports, services.settings().ledger().signer(),
                partners, partnerKeys, services.retention(), services.checkpointRequests());
    }

    public Partners partners() {
        return partners;
    }

    /**
     * Writes and signs the tenant's feed: its whole inventory, and the changes recorded after {@code since}.
     *
     * @param to the partner it is meant for, if named (it must exchange feeds with the tenant)
     * @throws IllegalStateException    when this entry point holds no signing key
     * @throws IllegalArgumentException for a partner the tenant does not exchange feeds with, naming {@code to}
     * @throws FeedRefusedException     ({@code TOO_LARGE}) when the feed would exceed {@value #MAX_FEED_BYTES} bytes
     */
    public SignedFeed export(String tenant, FeedPoint since, Optional<String> to, String exportedBy) throws IOException {
        Signer key = signer.orElseThrow(() -> new IllegalStateException("this deployment holds no signing key, so it "
                + "cannot sign feeds (locally the ledger signing key is made on first use)"));
        to.ifPresent(name -> {
            if (partners.named(name).filter(p -> p.exchangesWith(tenant)).isEmpty()) {
                throw new IllegalArgumentException("to: no partner '" + name + "' exchanges feeds with tenant '" + tenant
                        + "' (partners: " + String.join(", ", partners.of(tenant).stream().map(Partner::name).toList())
                        + ")");
            }
        });
        long through = store.ledgerHead(tenant).sequence();
        Instant now = clock.instant();
        String feedId = UUID.randomUUID().toString();
        ByteArrayOutputStream cbom = new ByteArrayOutputStream();
        reports.write(tenant, new ReportRequest("inventory", "cbom", Optional.empty(), Optional.empty(), AssetQuery.ALL),
                new Bounded(cbom));
        // Written again compactly: the library indents its CBOM, and a feed's size is bounded.
        JsonNode cbomTree = Json.mapper().readTree(cbom.toByteArray());
        long keys = countKeys(cbomTree);
        Bounded out = new Bounded(new ByteArrayOutputStream());
        long changes;
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT);
            g.writeStringProperty("feedId", feedId);
            g.writeStringProperty("tenant", tenant);
            g.writeStringProperty("generatedAt", now.toString());
            g.writeName("since");
            g.writePOJO(since.json());
            g.writeNumberProperty("throughSequence", through);
            g.writeName("signer");
            g.writePOJO(Map.of("keyId", key.keyId(), "algorithm", key.algorithm().name()));
            to.ifPresent(name -> g.writeStringProperty("to", name));
            g.writeName("cbom");
            g.writeTree(cbomTree);
            g.writeName("changes");
            g.writeStartArray();
            changes = writeChanges(g, tenant, since, through);
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonException e) {
            if (e.getCause() instanceof FeedRefusedException refused) {
                throw refused;
            }
            throw e;
        }
        byte[] feed = ((ByteArrayOutputStream) out.underlying()).toByteArray();
        byte[] signature = key.sign(feed);
        String sha256 = sha256(feed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("feedId", feedId);
        to.ifPresent(name -> body.put("to", name));
        body.put("since", since.json());
        body.put("throughSequence", through);
        body.put("keys", keys);
        body.put("changes", changes);
        body.put("sha256", sha256);
        body.put("keyId", key.keyId());
        body.put("exportedBy", exportedBy);
        append(tenant, LedgerEntryType.FEED_EXPORTED, body);
        return new SignedFeed(feed, signature, key.keyId(), key.algorithm().name(), feedId, through, keys, changes,
                sha256);
    }

    /**
     * Verifies a partner's feed and records its keys as the partner's, apart from the tenant's own. The feed must
     * verify with the public key of a partner the tenant exchanges feeds with; that partner is who sent it.
     *
     * @throws FeedRefusedException naming why, when the signature does not verify, no partner has the signing key,
     *                              the document is not a feed, or an as new or newer feed of the partner is already in
     */
    public ImportedFeed importFeed(String tenant, byte[] feed, byte[] signature, String importedBy) {
        if (partnerKeys.isEmpty()) {
            throw new IllegalStateException("this deployment has no store for partner-held keys, so it cannot import feeds");
        }
        if (feed.length > MAX_FEED_BYTES) {
            throw new FeedRefusedException(FeedRefusedException.Reason.TOO_LARGE, "the feed is " + feed.length
                    + " bytes; at most " + MAX_FEED_BYTES + " are accepted");
        }
        Partner from = signerOf(tenant, feed, signature);
        JsonNode root = parse(feed);
        String feedId = requiredText(root, "feedId");
        Instant generatedAt = instant(root, "generatedAt");
        JsonNode cbom = root.path("cbom");
        List<String> invalid;
        try {
            invalid = new JsonParser().validate(Json.write(cbom).getBytes(StandardCharsets.UTF_8), Version.VERSION_16)
                    .stream().limit(3).map(Throwable::getMessage).toList();
        } catch (IOException e) {
            invalid = List.of("unreadable: " + e.getMessage());
        }
        if (!invalid.isEmpty()) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the feed's cbom is not a valid "
                    + "CycloneDX 1.6 document: " + String.join("; ", invalid));
        }
        long changes = root.path("changes").isArray() ? root.path("changes").size() : 0;
        FeedFacts facts = FeedFacts.gather(store, tenant);
        if (facts.importedAlready(feedId)) {
            long keys = facts.newestByPartner().containsKey(from.name())
                    ? facts.newestByPartner().get(from.name()).keys() : 0;
            return new ImportedFeed(from.name(), from.relation().word(), feedId, generatedAt, keys, changes, true);
        }
        Optional<FeedFacts.Imported> newest = Optional.ofNullable(facts.newestByPartner().get(from.name()));
        if (newest.isPresent() && !generatedAt.isAfter(newest.get().generatedAt())) {
            throw new FeedRefusedException(FeedRefusedException.Reason.STALE, "the feed of partner " + from.name()
                    + " was generated " + generatedAt + ", not after its feed " + newest.get().feedId() + " (generated "
                    + newest.get().generatedAt() + ") already imported: a replay, or out of order");
        }
        Instant now = clock.instant();
        List<PartnerKey> keys = partnerKeys(from, cbom, feedId, generatedAt, now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("feedId", feedId);
        body.put("partner", from.name());
        body.put("relation", from.relation().word());
        body.put("fromTenant", root.path("tenant").asString(""));
        body.put("generatedAt", generatedAt.toString());
        body.put("keys", keys.size());
        body.put("changes", changes);
        body.put("sha256", sha256(feed));
        body.put("keyId", from.publicKey().keyId());
        body.put("importedBy", importedBy);
        // The partner's keys and the record that says so are kept together or not at all.
        store.inUnitOfWork(() -> {
            partnerKeys.get().replacePartnerKeys(tenant, from.name(), keys);
            new LedgerWriter(store, clock).append(tenant, LedgerEntryType.FEED_IMPORTED, Optional.empty(),
                    Json.write(body), retention.rules(tenant));
            return null;
        });
        checkpoints.request(Set.of(tenant));
        return new ImportedFeed(from.name(), from.relation().word(), feedId, generatedAt, keys.size(), changes, false);
    }

    /** The tenant's partner-held keys, of one partner or all. */
    public Page<PartnerKey> partnerKeys(String tenant, Optional<String> partner, PageRequest page) {
        return partnerKeys.orElseThrow(() -> new IllegalStateException("this deployment has no store for partner-held "
                + "keys")).partnerKeys(tenant, partner, page);
    }

    /** The partner whose key verifies the signature, or why there is none. */
    private Partner signerOf(String tenant, byte[] feed, byte[] signature) {
        List<Partner> candidates = partners.of(tenant);
        for (Partner p : candidates) {
            if (p.publicKey().verifies(feed, signature)) {
                return p;
            }
        }
        Optional<String> claimed = claimedSigner(feed);
        Optional<Partner> named = claimed.flatMap(id -> candidates.stream()
                .filter(p -> p.publicKey().keyId().equals(id)).findFirst());
        if (named.isPresent()) {
            throw new FeedRefusedException(FeedRefusedException.Reason.BAD_SIGNATURE, "the signature does not verify "
                    + "with the public key of partner " + named.get().name() + " (" + named.get().publicKey().keyId()
                    + "): the feed was changed after it was signed, or the signature is another feed's");
        }
        throw new FeedRefusedException(FeedRefusedException.Reason.UNKNOWN_SIGNER, "the feed is signed by "
                + claimed.map(id -> "key " + id).orElse("a key it does not name") + ", which no partner of tenant '"
                + tenant + "' has" + (candidates.isEmpty() ? " (the tenant has no partners configured)"
                : " (partners: " + String.join(", ", candidates.stream().map(Partner::name).toList()) + ")"));
    }

    /** The key id the feed says signed it, read before anything of it is trusted, only to name it in a refusal. */
    private static Optional<String> claimedSigner(byte[] feed) {
        try {
            String id = Json.mapper().readTree(feed).path("signer").path("keyId").asString("");
            return id.isBlank() || id.length() > 100 ? Optional.empty() : Optional.of(id);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(byte[] feed) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(feed);
        } catch (JacksonException e) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the feed is not JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the document is not a KeyLedger "
                    + "feed (format must be " + FORMAT + ")");
        }
        if (!root.path("cbom").isObject()) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the feed has no cbom object");
        }
        return root;
    }

    private static String requiredText(JsonNode root, String field) {
        String v = root.path(field).asString("");
        if (v.isBlank() || v.length() > 200) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the feed's " + field
                    + " is missing or not a short string");
        }
        return v;
    }

    private static Instant instant(JsonNode root, String field) {
        try {
            return Instant.parse(root.path(field).asString(""));
        } catch (DateTimeParseException e) {
            throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "the feed's " + field
                    + " is not an ISO-8601 instant");
        }
    }

    /** The CBOM's keys (its related-crypto-material assets), as the partner holds them. */
    private static List<PartnerKey> partnerKeys(Partner from, JsonNode cbom, String feedId, Instant generatedAt,
                                                Instant now) {
        Map<String, String> algorithms = new LinkedHashMap<>();
        for (JsonNode c : cbom.path("components")) {
            if (c.path("cryptoProperties").path("assetType").asString("").equals("algorithm")) {
                algorithms.put(c.path("bom-ref").asString(""), c.path("name").asString(""));
            }
        }
        Map<String, PartnerKey> keys = new LinkedHashMap<>();
        for (JsonNode c : cbom.path("components")) {
            JsonNode crypto = c.path("cryptoProperties");
            if (!crypto.path("assetType").asString("").equals("related-crypto-material")) {
                continue;
            }
            String id = c.path("bom-ref").asString("");
            if (id.isBlank()) {
                throw new FeedRefusedException(FeedRefusedException.Reason.NOT_A_FEED, "a key of the feed's cbom has "
                        + "no bom-ref (component '" + c.path("name").asString("") + "')");
            }
            JsonNode material = crypto.path("relatedCryptoMaterialProperties");
            Map<String, String> props = new LinkedHashMap<>();
            for (JsonNode p : c.path("properties")) {
                props.put(p.path("name").asString(""), p.path("value").asString(""));
            }
            String algorithm = Optional.ofNullable(props.get("keyledger:algorithm")).filter(s -> !s.isBlank())
                    .or(() -> Optional.ofNullable(algorithms.get(material.path("algorithmRef").asString("")))
                            .filter(s -> !s.isBlank()))
                    .orElse("unknown");
            keys.put(id, new PartnerKey(from.name(), id, c.path("name").asString(""),
                    material.path("state").asString("").isBlank() ? "unknown" : material.path("state").asString(),
                    algorithm, Optional.ofNullable(props.get("keyledger:provider")).filter(s -> !s.isBlank()),
                    from.responsibleParty(),
                    Optional.ofNullable(props.get("keyledger:responsibilityParty")).filter(s -> !s.isBlank()),
                    feedId, generatedAt, now));
        }
        return new ArrayList<>(keys.values());
    }

    /**
     * The change list: every key record change the ledger recorded after the point and up to {@code through},
     * with the action and event time of the event that made it.
     */
    private long writeChanges(JsonGenerator g, String tenant, FeedPoint since, long through) {
        Map<String, JsonNode> events = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                return size() > EVENTS_REMEMBERED;
            }
        };
        long written = 0;
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<LedgerRecord> page = store.ledger(tenant, since.afterSequence() + 1, Optional.empty(), false, request);
            for (LedgerRecord r : page.items()) {
                if (r.sequence() > through) {
                    return written;
                }
                if (since.since().isPresent() && r.recordedAt().isBefore(since.since().get())) {
                    continue;
                }
                if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                    JsonNode event = Json.mapper().readTree(r.payload()).path("event");
                    events.put(event.path("eventId").asString(""), event);
                } else if (r.type() == LedgerEntryType.ASSET_CHANGED && r.keyId().isPresent()) {
                    JsonNode change = Json.mapper().readTree(r.payload());
                    JsonNode event = events.get(change.path("eventId").asString(""));
                    g.writeStartObject();
                    g.writeNumberProperty("sequence", r.sequence());
                    g.writeStringProperty("recordedAt", r.recordedAt().toString());
                    g.writeStringProperty("keyId", r.keyId().get());
                    g.writeStringProperty("eventId", change.path("eventId").asString(""));
                    if (event != null) {
                        g.writeStringProperty("action", event.path("action").asString(""));
                        g.writeStringProperty("eventTime", event.path("eventTime").asString(""));
                    }
                    writeText(g, "stateBefore", change.path("stateBefore"));
                    writeText(g, "stateAfter", change.path("stateAfter"));
                    writeText(g, "nativeState", change.path("nativeState"));
                    g.writeEndObject();
                    written++;
                }
            }
            if (page.nextCursor().isEmpty()) {
                return written;
            }
            request = request.next(page.nextCursor().get());
        }
    }

    private static void writeText(JsonGenerator g, String name, JsonNode value) {
        if (value.isString()) {
            g.writeStringProperty(name, value.asString());
        }
    }

    private static long countKeys(JsonNode cbom) {
        long n = 0;
        for (JsonNode c : cbom.path("components")) {
            if (c.path("cryptoProperties").path("assetType").asString("").equals("related-crypto-material")) {
                n++;
            }
        }
        return n;
    }

    private void append(String tenant, LedgerEntryType type, Map<String, Object> body) {
        new LedgerWriter(store, clock).append(tenant, type, Optional.empty(), Json.write(body), retention.rules(tenant));
        checkpoints.request(Set.of(tenant));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** A stream that refuses to grow a feed past {@link #MAX_FEED_BYTES}. */
    private static final class Bounded extends OutputStream {
        private final OutputStream out;
        private long written;

        Bounded(OutputStream out) {
            this.out = out;
        }

        OutputStream underlying() {
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            grow(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            grow(len);
            out.write(b, off, len);
        }

        private void grow(int n) {
            written += n;
            if (written > MAX_FEED_BYTES) {
                throw new FeedRefusedException(FeedRefusedException.Reason.TOO_LARGE, "the feed would be larger than "
                        + MAX_FEED_BYTES + " bytes: the tenant's inventory is too large to send as one feed");
            }
        }
    }
}
