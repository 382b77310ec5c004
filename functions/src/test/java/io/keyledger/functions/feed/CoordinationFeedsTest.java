package io.keyledger.functions.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's signed feed, and a partner's feed imported: verified with the partner's configured key, its keys
 * kept apart from the tenant's own, and refused with nothing stored when it is not the partner's.
 */
class CoordinationFeedsTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    /** The tenant whose keys a downstream customer relies on. */
    private final FeedParty acme = new FeedParty("acme", clock);
    /** The customer, which imports acme's feeds. */
    private final FeedParty northwind = new FeedParty("northwind", clock);

    private KeyRef payments;

    CoordinationFeedsTest() {
        acme.exchangingWith(northwind.asPartner("northwind", Partner.Relation.DOWNSTREAM, "acme"));
        northwind.exchangingWith(acme.asPartner("acme-cloud", Partner.Relation.UPSTREAM, "northwind"));
        payments = acme.createKey("payments", Map.of("algorithm", "AES-256", "kind", "SYMMETRIC", "owner", "payments",
                "responsibility.party", "CUSTOMER", "nativeState", "Enabled"));
        clock.advance(Duration.ofMinutes(1));
        acme.createKey("signing", Map.of("algorithm", "EC-P256", "kind", "ASYMMETRIC", "nativeState", "Enabled"));
        clock.advance(Duration.ofMinutes(1));
        northwind.createKey("own-key", Map.of("algorithm", "AES-256", "nativeState", "Enabled"));
    }

    private List<LedgerRecord> ledger(FeedParty p, LedgerEntryType type) {
        return p.store.ledger(p.tenant, 1, Optional.empty(), true, PageRequest.first(PageRequest.MAX_LIMIT)).items()
                .stream().filter(r -> r.type() == type).toList();
    }

    private List<PartnerKey> partnerKeys(FeedParty p) {
        return p.partnerKeys.partnerKeys(p.tenant, Optional.empty(), PageRequest.first(100)).items();
    }

    @Test
    void aFeedIsTheInventoryAsACbomAndTheChangesSignedSoThatThePublicKeyVerifiesIt() throws Exception {
        SignedFeed feed = acme.feeds().export("acme", FeedPoint.START, Optional.of("northwind"), "local:alice");

        assertThat(acme.signer.publicKey().verifies(feed.feed(), feed.signature())).isTrue();
        JsonNode doc = Json.mapper().readTree(feed.feed());
        assertThat(doc.path("format").asString()).isEqualTo(CoordinationFeeds.FORMAT);
        assertThat(doc.path("tenant").asString()).isEqualTo("acme");
        assertThat(doc.path("to").asString()).isEqualTo("northwind");
        assertThat(doc.path("signer").path("keyId").asString()).isEqualTo(acme.signer.keyId());
        assertThat(doc.path("throughSequence").asLong()).isEqualTo(acme.store.ledgerHead("acme").sequence() - 1);
        byte[] cbom = Json.write(doc.path("cbom")).getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonParser().validate(cbom, Version.VERSION_16)).isEmpty();
        assertThat(doc.path("cbom").path("components").findValuesAsString("bom-ref")).contains(payments.id());
        assertThat(doc.path("changes").findValuesAsString("keyId")).contains(payments.id());
        assertThat(doc.path("changes").get(0).path("action").asString()).isEqualTo("CREATE");
        assertThat(feed.keys()).isEqualTo(2);
        assertThat(feed.sha256()).isEqualTo(CoordinationFeeds.sha256(feed.feed()));
        // The export itself is ledgered, after the head the feed goes up to.
        assertThat(ledger(acme, LedgerEntryType.FEED_EXPORTED)).singleElement().satisfies(r -> {
            assertThat(r.payload()).contains(feed.feedId(), "\"to\":\"northwind\"", "local:alice", feed.sha256());
            assertThat(r.sequence()).isGreaterThan(feed.throughSequence());
        });
    }

    @Test
    void theNextFeedSinceThePreviousOnesHeadListsOnlyWhatChangedSince() throws Exception {
        SignedFeed first = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "local:alice");
        clock.advance(Duration.ofHours(1));
        acme.disable(payments, "disable-payments");

        SignedFeed next = acme.feeds().export("acme", new FeedPoint(first.throughSequence(), Optional.empty()),
                Optional.empty(), "local:alice");

        JsonNode changes = Json.mapper().readTree(next.feed()).path("changes");
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path("keyId").asString()).isEqualTo(payments.id());
            assertThat(c.path("action").asString()).isEqualTo("DISABLE");
            assertThat(c.path("stateBefore").asString()).isEqualTo("ACTIVE");
            assertThat(c.path("stateAfter").asString()).isEqualTo("SUSPENDED");
        });
        assertThat(Json.mapper().readTree(next.feed()).path("since").path("afterSequence").asLong())
                .isEqualTo(first.throughSequence());
        assertThat(next.keys()).isEqualTo(2);
    }

    @Test
    void aPartnersFeedIsRecordedAsItsKeysApartFromTheTenantsOwn() throws Exception {
        SignedFeed feed = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "local:alice");
        long ownKeys = northwind.store.assets("northwind", AssetQuery.ALL, PageRequest.first(100)).items().size();

        ImportedFeed imported = northwind.feeds().importFeed("northwind", feed.feed(), feed.signature(), "local:nina");

        assertThat(imported.partner()).isEqualTo("acme-cloud");
        assertThat(imported.relation()).isEqualTo("upstream");
        assertThat(imported.keys()).isEqualTo(2);
        assertThat(imported.alreadyImported()).isFalse();
        assertThat(partnerKeys(northwind)).extracting(PartnerKey::keyId).containsExactlyInAnyOrder(payments.id(),
                io.keyledger.testkit.Fixtures.awsKey("signing").id());
        assertThat(partnerKeys(northwind)).allSatisfy(k -> {
            assertThat(k.partner()).isEqualTo("acme-cloud");
            assertThat(k.responsibleParty()).isEqualTo("acme-cloud key custodians");
            assertThat(k.feedId()).isEqualTo(feed.feedId());
        });
        assertThat(partnerKeys(northwind)).filteredOn(k -> k.keyId().equals(payments.id())).singleElement()
                .satisfies(k -> {
                    assertThat(k.state()).isEqualTo("active");
                    assertThat(k.algorithm()).isEqualTo("AES-256");
                    assertThat(k.statedParty()).contains("CUSTOMER");
                    assertThat(k.provider()).contains("aws");
                });
        // Never mixed with the tenant's own inventory.
        assertThat(northwind.store.assets("northwind", AssetQuery.ALL, PageRequest.first(100)).items()).hasSize((int) ownKeys);
        assertThat(ledger(northwind, LedgerEntryType.FEED_IMPORTED)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains(feed.feedId(), "acme-cloud", "local:nina"));
    }

    @Test
    void theSameFeedAgainChangesNothingAndAnOlderOneIsRefused() throws Exception {
        SignedFeed older = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "a");
        clock.advance(Duration.ofMinutes(5));
        SignedFeed newer = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "a");
        northwind.feeds().importFeed("northwind", newer.feed(), newer.signature(), "n");
        long head = northwind.store.ledgerHead("northwind").sequence();

        ImportedFeed again = northwind.feeds().importFeed("northwind", newer.feed(), newer.signature(), "n");

        assertThat(again.alreadyImported()).isTrue();
        assertThat(northwind.store.ledgerHead("northwind").sequence()).isEqualTo(head);
        assertThatThrownBy(() -> northwind.feeds().importFeed("northwind", older.feed(), older.signature(), "n"))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("not after its feed " + newer.feedId())
                .satisfies(e -> assertThat(((FeedRefusedException) e).reason()).isEqualTo(FeedRefusedException.Reason.STALE));
        assertThat(northwind.store.ledgerHead("northwind").sequence()).isEqualTo(head);
    }

    @Test
    void aChangedFeedIsRefusedForItsSignatureAndNothingIsStored() throws Exception {
        SignedFeed feed = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "a");
        byte[] altered = new String(feed.feed(), StandardCharsets.UTF_8).replace("\"ACTIVE\"", "\"DESTROYED\"")
                .getBytes(StandardCharsets.UTF_8);
        long head = northwind.store.ledgerHead("northwind").sequence();

        assertThatThrownBy(() -> northwind.feeds().importFeed("northwind", altered, feed.signature(), "n"))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("does not verify with the public key of partner acme-cloud")
                .satisfies(e -> assertThat(((FeedRefusedException) e).reason())
                        .isEqualTo(FeedRefusedException.Reason.BAD_SIGNATURE));
        assertThat(partnerKeys(northwind)).isEmpty();
        assertThat(northwind.store.ledgerHead("northwind").sequence()).isEqualTo(head);
    }

    @Test
    void aFeedSignedByAnUnknownKeyIsRefusedAndNothingIsStored() throws Exception {
        FeedParty stranger = new FeedParty("acme", clock);
        stranger.createKey("k", Map.of("algorithm", "AES-256"));
        SignedFeed feed = stranger.feeds().export("acme", FeedPoint.START, Optional.empty(), "x");
        long head = northwind.store.ledgerHead("northwind").sequence();

        assertThatThrownBy(() -> northwind.feeds().importFeed("northwind", feed.feed(), feed.signature(), "n"))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("signed by key " + stranger.signer.keyId())
                .hasMessageContaining("which no partner of tenant 'northwind' has (partners: acme-cloud)")
                .satisfies(e -> assertThat(((FeedRefusedException) e).reason())
                        .isEqualTo(FeedRefusedException.Reason.UNKNOWN_SIGNER));
        assertThat(partnerKeys(northwind)).isEmpty();
        assertThat(northwind.store.ledgerHead("northwind").sequence()).isEqualTo(head);
    }

    @Test
    void aPartnerOfAnotherTenantIsAnUnknownSignerHere() throws Exception {
        SignedFeed feed = acme.feeds().export("acme", FeedPoint.START, Optional.empty(), "a");
        northwind.createKey("other-tenant-key", Map.of());

        assertThatThrownBy(() -> northwind.feeds().importFeed("other", feed.feed(), feed.signature(), "n"))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("the tenant has no partners configured");
    }

    @Test
    void aSignedDocumentThatIsNotAFeedIsRefused() {
        byte[] notAFeed = "{\"format\":\"something-else\"}".getBytes(StandardCharsets.UTF_8);
        byte[] badCbom = ("{\"format\":\"keyledger-feed-v1\",\"feedId\":\"f\",\"generatedAt\":\"2026-03-01T09:00:00Z\","
                + "\"cbom\":{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":\"none\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> northwind.feeds().importFeed("northwind", notAFeed, acme.signer.sign(notAFeed), "n"))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("not a KeyLedger feed");
        assertThatThrownBy(() -> northwind.feeds().importFeed("northwind", badCbom, acme.signer.sign(badCbom), "n"))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("not a valid CycloneDX 1.6 document");
        assertThat(partnerKeys(northwind)).isEmpty();
    }

    @Test
    void withoutASigningKeyThereIsNoExportAndAPartnerNotOfTheTenantIsRefusedByName() {
        CoordinationFeeds unsigned = new CoordinationFeeds(acme.store, clock,
                io.keyledger.functions.report.ReportService.of(acme.services), Optional.empty(), Partners.NONE,
                Optional.empty(), acme.services.retention(), io.keyledger.core.ledger.CheckpointRequests.NONE);

        assertThatThrownBy(() -> unsigned.export("acme", FeedPoint.START, Optional.empty(), "a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no signing key");
        assertThatThrownBy(() -> acme.feeds().export("acme", FeedPoint.START, Optional.of("globex"), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to: no partner 'globex'")
                .hasMessageContaining("(partners: northwind)");
        assertThat(ledger(acme, LedgerEntryType.FEED_EXPORTED)).isEmpty();
    }

    @Test
    void aFeedPointIsASequenceOrAnInstant() {
        assertThat(FeedPoint.parse("1234")).isEqualTo(new FeedPoint(1234, Optional.empty()));
        assertThat(FeedPoint.parse("2026-03-01T00:00:00Z").since()).contains(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(FeedPoint.parse(" ")).isEqualTo(FeedPoint.START);
        assertThatThrownBy(() -> FeedPoint.parse("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("since: expected a ledger sequence");
        assertThat(MemorySigner.create().keyId()).isNotEqualTo(acme.signer.keyId());
    }
}
