package io.keyledger.functions.api;

import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.functions.feed.FeedPoint;
import io.keyledger.functions.feed.FeedRefusedException;
import io.keyledger.functions.feed.ImportedFeed;
import io.keyledger.functions.feed.SignedFeed;
import io.keyledger.functions.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Coordination feeds through the API: the tenant's signed feed exported, a partner's feed imported, and the
 * partner-held keys its partners' feeds recorded. An entry point without feeds answers 409 saying so.
 */
final class FeedEndpoints {

    /** A feed of at most {@link CoordinationFeeds#MAX_FEED_BYTES}, base64 in its envelope, and room for the rest. */
    static final int MAX_IMPORT_BODY = CoordinationFeeds.MAX_FEED_BYTES / 3 * 4 + 64 * 1024;
    static final Set<String> EXPORT_PARAMETERS = Set.of("since", "to");
    static final Set<String> IMPORT_FIELDS = Set.of("feed", "signature", "feedId", "keyId", "signatureAlgorithm",
            "throughSequence", "keys", "changes", "sha256");

    private final Optional<CoordinationFeeds> feeds;

    FeedEndpoints(Optional<CoordinationFeeds> feeds) {
        this.feeds = feeds;
    }

    private CoordinationFeeds feeds() {
        return feeds.orElseThrow(() -> ApiProblem.conflict("this deployment does not exchange coordination feeds "
                + "(no signing key and no partners configured for its admin API; see docs/FEEDS.md)"));
    }

    /** 200: the envelope of the tenant's signed feed; the export is ledgered. */
    HttpResponse export(ApiCall call) {
        CoordinationFeeds f = feeds();
        Checks checks = new Checks();
        Optional<FeedPoint> since = checks.parse(call.query("since"), FeedPoint::parse,
                m -> FieldError.query("since", m.replaceFirst("^since: ", "")));
        Optional<String> to = call.query("to");
        checks.done();
        SignedFeed feed;
        try {
            feed = f.export(call.tenant(), since.orElse(FeedPoint.START), to, call.principal().id());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(FieldError.query("to", e.getMessage().replaceFirst("^to: ", "")));
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (FeedRefusedException e) {
            throw ApiProblem.tooLarge(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ApiResponses.json(200, feed.envelope());
    }

    /** 201: the partner's keys recorded; 200: this very feed was imported before, nothing changed. */
    HttpResponse importFeed(ApiCall call) {
        CoordinationFeeds f = feeds();
        Checks checks = new Checks();
        RequestBody body = RequestBody.read(call, IMPORT_FIELDS, checks);
        Optional<byte[]> feed = body.requiredText("feed", MAX_IMPORT_BODY).flatMap(t -> base64(t, "feed", checks));
        Optional<byte[]> signature = body.requiredText("signature", 1024).flatMap(t -> base64(t, "signature", checks));
        checks.done();
        ImportedFeed imported;
        try {
            imported = f.importFeed(call.tenant(), feed.orElseThrow(), signature.orElseThrow(), call.principal().id());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (FeedRefusedException e) {
            throw switch (e.reason()) {
                case BAD_SIGNATURE, UNKNOWN_SIGNER -> ApiProblem.invalid(FieldError.body("signature", e.getMessage()));
                case NOT_A_FEED -> ApiProblem.invalid(FieldError.body("feed", e.getMessage()));
                case STALE -> ApiProblem.conflict(e.getMessage());
                case TOO_LARGE -> ApiProblem.tooLarge(e.getMessage());
            };
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", call.tenant());
        answer.put("partner", imported.partner());
        answer.put("relation", imported.relation());
        answer.put("feedId", imported.feedId());
        answer.put("generatedAt", imported.generatedAt().toString());
        answer.put("keys", imported.keys());
        answer.put("changes", imported.changes());
        answer.put("alreadyImported", imported.alreadyImported());
        return ApiResponses.json(imported.alreadyImported() ? 200 : 201, answer);
    }

    /** The partner-held keys, by partner then key id, paged; {@code partner} narrows to one. */
    HttpResponse partnerKeys(ApiCall call) {
        CoordinationFeeds f = feeds();
        Checks checks = new Checks();
        Supplier<PageRequest> page = Params.page(call, checks);
        checks.done();
        PageRequest request = page.get();
        Page<PartnerKey> keys = Params.read(request, () -> f.partnerKeys(call.tenant(), call.query("partner"), request));
        return ApiResponses.json(200, ApiResponses.page(keys.items().stream().map(FeedEndpoints::view).toList(),
                call.sealCursor(keys.nextCursor())));
    }

    private static Map<String, Object> view(PartnerKey k) {
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

    private static Optional<byte[]> base64(String text, String field, Checks checks) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            checks.add(FieldError.body(field, "must be base64 (RFC 4648) of the " + field + "'s bytes"));
            return Optional.empty();
        }
    }
}
