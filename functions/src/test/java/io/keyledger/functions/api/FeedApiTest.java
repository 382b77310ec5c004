package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.testkit.MemorySigner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Coordination feeds through the API: exported signed, imported from a partner, refused with nothing stored. */
class FeedApiTest {

    private final ApiHarness h = new ApiHarness();

    private Answer importing(String envelope) {
        return h.call(as("acme-admin", "POST", "/imports").json(envelope));
    }

    private long ledgerCount(LedgerEntryType type) {
        return h.store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                .filter(r -> r.type() == type).count();
    }

    @Test
    void anExportIsTheFeedAndItsSignatureInAnEnvelopeThatKeepsTheSignedBytes() {
        Answer answer = h.call(as("acme-admin", "GET", "/exports/feed").query("to", "northwind"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode envelope = answer.json();
        byte[] feed = Base64.getDecoder().decode(envelope.path("feed").asString());
        byte[] signature = Base64.getDecoder().decode(envelope.path("signature").asString());
        assertThat(h.signer.publicKey().verifies(feed, signature)).isTrue();
        assertThat(envelope.path("keyId").asString()).isEqualTo(h.signer.keyId());
        assertThat(envelope.path("signatureAlgorithm").asString()).isEqualTo("ECDSA_P256_SHA256");
        assertThat(Json.mapper().readTree(feed).path("to").asString()).isEqualTo("northwind");
        assertThat(envelope.path("keys").asLong()).isEqualTo(3);
        assertThat(ledgerCount(LedgerEntryType.FEED_EXPORTED)).isEqualTo(1);
    }

    @Test
    void exportParametersAreChecked() {
        h.call(as("acme-admin", "GET", "/exports/feed").query("since", "last tuesday")).isProblem(400);
        Answer unknownPartner = h.call(as("acme-admin", "GET", "/exports/feed").query("to", "globex"));
        unknownPartner.isProblem(400);
        assertThat(unknownPartner.text()).contains("to", "no partner 'globex'");
        assertThat(ledgerCount(LedgerEntryType.FEED_EXPORTED)).isZero();
    }

    @Test
    void aPartnersFeedIsImportedOnceAndItsKeysListedApartFromTheInventory() {
        String envelope = h.partnerFeedEnvelope();
        long ownKeys = h.store.assets(ACME, AssetQuery.ALL, PageRequest.first(100)).items().size();

        Answer first = importing(envelope);
        Answer again = importing(envelope);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().path("partner").asString()).isEqualTo("northwind");
        assertThat(first.json().path("relation").asString()).isEqualTo("downstream");
        assertThat(first.json().path("keys").asLong()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("alreadyImported").asBoolean()).isTrue();
        JsonNode listed = h.call(as("acme-viewer", "GET", "/partner-keys")).json().path("items");
        assertThat(listed).singleElement().satisfies(k -> {
            assertThat(k.path("heldBy").asString()).isEqualTo("northwind");
            assertThat(k.path("responsibleParty").asString()).isEqualTo("Northwind Bank key custodians");
            assertThat(k.path("keyId").asString()).contains("nw-card-data");
        });
        assertThat(h.call(as("acme-viewer", "GET", "/partner-keys").query("partner", "someone-else")).json()
                .path("items")).isEmpty();
        assertThat(h.store.assets(ACME, AssetQuery.ALL, PageRequest.first(100)).items()).hasSize((int) ownKeys);
        assertThat(ledgerCount(LedgerEntryType.FEED_IMPORTED)).isEqualTo(1);
    }

    @Test
    void aBadSignatureOrAnUnknownSignerIsA400NamingTheSignatureAndStoresNothing() {
        ObjectNode envelope = (ObjectNode) Json.mapper().readTree(h.partnerFeedEnvelope());
        String feed = new String(Base64.getDecoder().decode(envelope.path("feed").asString()), StandardCharsets.UTF_8);
        ObjectNode altered = envelope.deepCopy();
        altered.put("feed", Base64.getEncoder().encodeToString(feed.replace("nw-card-data", "nw-card-dat4")
                .getBytes(StandardCharsets.UTF_8)));
        long head = h.store.ledgerHead(ACME).sequence();

        Answer bad = importing(Json.write(altered));
        Answer unknown = importing(h.feedEnvelope(MemorySigner.create()));

        bad.isProblem(400);
        assertThat(bad.text()).contains("signature", "does not verify with the public key of partner northwind");
        unknown.isProblem(400);
        assertThat(unknown.text()).contains("signature", "which no partner of tenant 'acme' has");
        assertThat(h.store.ledgerHead(ACME).sequence()).isEqualTo(head);
        assertThat(h.partnerKeys.partnerKeys(ACME, Optional.empty(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void anImportNeedsItsFeedAndSignatureAsBase64() {
        Answer missing = importing("{}");
        missing.isProblem(400);
        assertThat(missing.text()).contains("feed", "signature");
        Answer notBase64 = importing("{\"feed\":\"%%%\",\"signature\":\"AAAA\"}");
        notBase64.isProblem(400);
        assertThat(notBase64.text()).contains("base64");
    }

    @Test
    void aFeedLargerThanAnyOtherBodyIsStillReadWhileAnythingLargerIsRefused() {
        String big = "{\"feed\":\"" + "A".repeat(200_000) + "\",\"signature\":\"AAAA\"}";
        Answer answer = importing(big);
        // Read (not 413): the feed is refused for what it is, not for its size.
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("signature");
        String tooBig = "{\"feed\":\"" + "A".repeat(FeedEndpoints.MAX_IMPORT_BODY) + "\",\"signature\":\"AAAA\"}";
        importing(tooBig).isProblem(413);
        h.call(as("acme-admin", "POST", "/access/reviews").json("{\"note\":\"" + "x".repeat(70_000) + "\"}"))
                .isProblem(413);
        assertThat(CoordinationFeeds.MAX_FEED_BYTES).isLessThan(FeedEndpoints.MAX_IMPORT_BODY);
    }
}
