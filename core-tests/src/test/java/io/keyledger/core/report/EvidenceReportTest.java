package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.NOW;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static io.keyledger.testkit.report.ReportFixtures.at;
import static io.keyledger.testkit.report.ReportFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.ownership.InventoryPolicy;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoreParts;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EvidenceReportTest {

    private static final AnomalyPolicies WITH_CUSTODIANS = Policies.forTenant(TENANT,
            Policies.custodians(AnomalyPolicy.DEFAULT, List.of("arn:aws:iam::111122223333:role/KeyAdmin")));

    private final ReportFixtures f = ReportFixtures.standard();

    private Evidence assess(AnomalyPolicies policies) {
        return assess(f.store, policies);
    }

    private Evidence assess(InventoryStore store, AnomalyPolicies policies) {
        return new EvidenceReport(store, f.clock, policies).assess(TENANT);
    }

    private static Verdict verdict(Evidence e, String id) {
        return e.guideline(id).verdict();
    }

    @Test
    void aWellRunTenantMeetsTheGuidelinesWithLiveFigures() {
        Evidence e = assess(WITH_CUSTODIANS);

        assertThat(e.guidelines()).extracting(Guideline::id).containsExactly("CEK-21.1", "CEK-21.2", "CEK-21.3",
                "CEK-21.4", "CEK-21.5", "CEK-21.6", "CEK-21.7", "CEK-21.8", "CEK-21.9", "CEK-21.10", "CCM");
        for (String id : List.of("CEK-21.1", "CEK-21.2", "CEK-21.3", "CEK-21.4", "CEK-21.5", "CEK-21.6", "CEK-21.7",
                "CEK-21.8", "CEK-21.9", "CEK-21.10")) {
            assertThat(verdict(e, id)).as(id + ": " + e.guideline(id).reason()).isEqualTo(Verdict.MET);
        }
        assertThat(e.guideline("CEK-21.1").figures()).containsEntry("keys", 8L)
                .containsEntry("keysByProvider", Map.of("aws", 4L, "azure", 2L, "gcp", 2L));
        assertThat(e.guideline("CEK-21.2").figures()).containsEntry("shareWithOwner", 1.0);
        assertThat(e.guideline("CEK-21.4").figures()).containsEntry("ledgerIntact", true)
                .containsEntry("shareOfEventsWithPrincipalAndChannel", 1.0);
        assertThat((Long) e.guideline("CEK-21.4").figures().get("eventsLedgered")).isGreaterThanOrEqualTo(14L);
        assertThat(e.guideline("CEK-21.7").figures()).containsEntry("aiKeys", 2L);
        assertThat(e.guideline("CEK-21.9").figures()).containsEntry("lastSweepAgeDays", Optional.of(1L));
        // The AWS signing key cannot be rotated and is past a year; one disable went without a change reference.
        assertThat(verdict(e, "CCM")).isEqualTo(Verdict.PARTIAL);
        assertThat(e.guideline("CCM").reason()).contains("cannot rotate").contains("change reference");
        assertThat(e.overall()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void ownersMissingOnSomeKeysMakeTheAttributesPartialAndOnMostNotMet() {
        // Owners are not inferred from the creator here, so that keys without an owner tag have none.
        ReportFixtures g = ReportFixtures.standard(new InventoryPolicies(new InventoryPolicy(
                InventoryPolicy.DEFAULT_OWNER_TAGS, false, InventoryPolicy.DEFAULT_RESPONSIBILITY), Map.of()));
        g.create(Fixtures.awsKey("aaaa0000-0000-0000-0000-000000000001"), at("2026-02-25T10:00:00Z"),
                attrs("kind", "SYMMETRIC", "algorithm", "AES-256", "usage.service", "s3"));
        g.clock.set(NOW);
        Evidence partial = new EvidenceReport(g.store, g.clock, WITH_CUSTODIANS).assess(TENANT);
        for (int i = 2; i <= 11; i++) {
            g.create(Fixtures.awsKey(String.format("aaaa0000-0000-0000-0000-%012d", i)), at("2026-02-25T10:00:00Z"),
                    attrs("kind", "SYMMETRIC", "algorithm", "AES-256", "usage.service", "s3"));
        }
        g.clock.set(NOW);
        Evidence notMet = new EvidenceReport(g.store, g.clock, WITH_CUSTODIANS).assess(TENANT);

        assertThat(verdict(partial, "CEK-21.2")).isEqualTo(Verdict.PARTIAL);
        assertThat(partial.guideline("CEK-21.2").reason()).contains("owner 88.9%");
        assertThat(verdict(notMet, "CEK-21.2")).isEqualTo(Verdict.NOT_MET);
        assertThat(notMet.guideline("CEK-21.2").reason()).contains("owner 42.1%");
    }

    @Test
    void withoutCustodiansOrWithAnEssentialRuleOffMonitoringFallsShort() {
        assertThat(verdict(assess(AnomalyPolicies.DEFAULT), "CEK-21.8")).isEqualTo(Verdict.PARTIAL);
        Evidence off = assess(Policies.forTenant(TENANT, Policies.withoutPrematureDestruction(
                Policies.custodians(AnomalyPolicy.DEFAULT, List.of("arn:aws:iam::111122223333:role/KeyAdmin")))));
        assertThat(verdict(off, "CEK-21.8")).isEqualTo(Verdict.NOT_MET);
        assertThat(off.guideline("CEK-21.8").reason()).contains("premature-destruction");
    }

    @Test
    void anAlteredLedgerRecordFailsTheLoggingGuideline() {
        Evidence e = assess(ledgerRewritten(r -> r.sequence() == 3
                ? new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt(), r.type(), r.keyId(),
                r.payload().replace("KeyAdmin", "Intruder"), r.previousHash(), r.hash(), r.expiresAt()) : r),
                WITH_CUSTODIANS);

        assertThat(verdict(e, "CEK-21.4")).isEqualTo(Verdict.NOT_MET);
        assertThat(e.guideline("CEK-21.4").reason()).contains("record 3").contains("ALTERED");
        assertThat(e.guideline("CEK-21.4").figures()).containsEntry("ledgerIntact", false);
    }

    @Test
    void aLedgerRecordRemovedWithoutAPurgeFailsRetentionToo() {
        Evidence e = assess(ledgerRewritten(r -> r.sequence() == 5 ? null : r), WITH_CUSTODIANS);

        assertThat(verdict(e, "CEK-21.4")).isEqualTo(Verdict.NOT_MET);
        assertThat(verdict(e, "CEK-21.6")).isEqualTo(Verdict.NOT_MET);
        assertThat(e.guideline("CEK-21.6").reason()).contains("record 5").contains("MISSING");
    }

    @Test
    void sweepsGrowingOldMakeTheReviewsPartialThenNotMet() {
        f.clock.set(NOW.plus(Duration.ofDays(10)));
        Evidence tenDays = assess(WITH_CUSTODIANS);
        f.clock.set(NOW.plus(Duration.ofDays(40)));
        Evidence fortyDays = assess(WITH_CUSTODIANS);

        assertThat(verdict(tenDays, "CEK-21.9")).isEqualTo(Verdict.PARTIAL);
        assertThat(verdict(tenDays, "CEK-21.3")).isEqualTo(Verdict.MET);
        assertThat(verdict(fortyDays, "CEK-21.9")).isEqualTo(Verdict.NOT_MET);
        assertThat(verdict(fortyDays, "CEK-21.3")).isEqualTo(Verdict.NOT_MET);
        assertThat(verdict(fortyDays, "CEK-21.1")).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void retentionShorterThanAYearIsPartialAndHoldsAreCounted() {
        f.store.putRetentionPolicy(TENANT, new RetentionPolicy(Period.ofMonths(6), Period.ofYears(7), Period.ofYears(7)));
        f.store.putLegalHold(new LegalHold(TENANT, Optional.empty(), "litigation 2026-14", "counsel", NOW));

        Evidence e = assess(WITH_CUSTODIANS);

        assertThat(verdict(e, "CEK-21.6")).isEqualTo(Verdict.PARTIAL);
        assertThat(e.guideline("CEK-21.6").reason()).contains("history P6M");
        assertThat(e.guideline("CEK-21.6").figures()).containsEntry("legalHoldsOnTenant", 1L)
                .containsEntry("destroyedKeysRetained", 1L);
    }

    @Test
    void anEmptyTenantMeetsNothingThatNeedsKeys() {
        Evidence e = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS).assess("empty-tenant");

        assertThat(verdict(e, "CEK-21.1")).isEqualTo(Verdict.NOT_MET);
        assertThat(verdict(e, "CEK-21.2")).isEqualTo(Verdict.NOT_MET);
        assertThat(verdict(e, "CEK-21.9")).isEqualTo(Verdict.NOT_MET);
        assertThat(e.overall()).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void jsonCarriesVerdictsReasonsFiguresAndThresholds() throws IOException {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(report.assess(TENANT), out);
        JsonNode root = Json.mapper().readTree(out.toByteArray());

        assertThat(root.get("report").asString()).isEqualTo("evidence");
        assertThat(root.get("overall").asString()).isEqualTo("PARTIAL");
        assertThat(root.get("thresholds").get("completeShare").asDouble()).isEqualTo(0.95);
        assertThat(root.get("thresholds").get("sweepInterval").asString()).isEqualTo("PT168H");
        assertThat(root.get("guidelines")).hasSize(11);
        JsonNode g2 = root.get("guidelines").get(1);
        assertThat(g2.get("id").asString()).isEqualTo("CEK-21.2");
        assertThat(g2.get("verdict").asString()).isEqualTo("MET");
        assertThat(g2.get("figures").get("shareWithOwner").asDouble()).isEqualTo(1.0);
        assertThat(g2.get("figures").get("keysByState").get("ACTIVE").asLong()).isEqualTo(6);
    }

    @Test
    void htmlIsOneSelfContainedPageWithEverythingEscaped() throws IOException {
        Evidence hostile = new Evidence("acme", NOW, EvidenceThresholds.DEFAULT, List.of(new Guideline("CEK-21.1",
                "checks <b>bold</b> & more", "x", Map.of("<script>alert('x')</script>", "\"quoted\" <img src=x>",
                "owners", Map.of("a&b", 1L)), Verdict.PARTIAL, "reason with </p><script>evil()</script>")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS).writeHtml(hostile, out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&quot;quoted&quot; &lt;img src=x&gt;").contains("checks &lt;b&gt;bold&lt;/b&gt; &amp; more")
                .contains("reason with &lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;").contains("a&amp;b: 1");
    }

    @Test
    void htmlOfARealTenantShowsEveryGuidelineAndLoadsNothing() throws IOException {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeHtml(report.assess(TENANT), out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).contains("CEK-21.1", "CEK-21.10", "CCM", "class=\"v MET\"", "class=\"v PARTIAL\"", "100.0%");
        assertThat(html).doesNotContain("src=").doesNotContain("<link").doesNotContain("<script")
                .doesNotContain("http://").doesNotContain("https://");
    }

    /** The store with its ledger rewritten on read: {@code edit} returns the record to show, or null to drop it. */
    private InventoryStore ledgerRewritten(UnaryOperator<LedgerRecord> edit) {
        InventoryStore underneath = f.store;
        return StoreParts.of(underneath).withLedger(new LedgerStore() {
            @Override
            public void appendLedger(LedgerRecord record) {
                underneath.appendLedger(record);
            }

            @Override
            public LedgerHead ledgerHead(String tenant) {
                return underneath.ledgerHead(tenant);
            }

            @Override
            public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                             boolean includeExpired, PageRequest page) {
                Page<LedgerRecord> p = underneath.ledger(tenant, fromSequence, keyId, includeExpired, page);
                return new Page<>(p.items().stream().map(edit).filter(java.util.Objects::nonNull).toList(),
                        p.nextCursor());
            }
        }).compose();
    }
}
