package io.keyledger.core.report;

import static io.keyledger.testkit.report.ReportFixtures.NOW;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static io.keyledger.testkit.report.ReportFixtures.at;
import static io.keyledger.testkit.report.ReportFixtures.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.access.AccessDecision;
import io.keyledger.core.access.AccessFacts;
import io.keyledger.core.access.AccessLedger;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Role;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.ownership.InventoryPolicy;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoreParts;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.report.ReportFixtures;
import io.keyledger.testkit.store.RewrittenLedger;
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

    /** The tenant's configured grants: an admin role and an auditors' group. */
    private static final RoleGrants MAPPING = tenant -> tenant.equals(TENANT) ? List.of(
            new RoleGrant("IAM arn:aws:iam::111122223333:role/KeyAdmin", Role.ADMIN, RoleGrant.Source.PRINCIPAL_MAPPING,
                    Optional.empty()),
            new RoleGrant("email audit@example.com", Role.AUDITOR, RoleGrant.Source.PRINCIPAL_MAPPING, Optional.empty()))
            : List.of();

    /** Signs the tenant's ledger head now, and gives the verifier that trusts the signer's public key. */
    private Optional<LedgerVerifier> signedNow() {
        CoreServices services = CoreServices.of(f.store, f.clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                .withLedger(LedgerSettings.NONE.signedBy(MemorySigner.create())));
        services.checkpointer().orElseThrow().checkpoint(TENANT);
        return Optional.of(services.verifier());
    }

    private EvidenceReport withMapping() {
        return new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS, EvidenceThresholds.DEFAULT, Optional.empty(), MAPPING);
    }

    private AccessLedger access() {
        return new AccessLedger(f.store, f.clock, new RetentionService(f.store, f.clock));
    }

    /** Reviews every current grant of the tenant, as an admin would. */
    private void review(String by) {
        access().reviewed(TENANT, by, "quarterly review", AccessFacts.gather(f.store, TENANT, f.clock.instant())
                .grants(MAPPING, TENANT));
    }

    private static Verdict verdict(Evidence e, String id) {
        return e.guideline(id).verdict();
    }

    /** Ledgers a feed exported to a partner and one imported from it, as CoordinationFeeds does. */
    private void exchangeFeeds(java.time.Instant partnerGeneratedAt, long partnerKeys) {
        io.keyledger.core.ledger.LedgerWriter w = new io.keyledger.core.ledger.LedgerWriter(f.store, f.clock);
        io.keyledger.core.retention.ExpiryRules rules = new RetentionService(f.store, f.clock).rules(TENANT);
        w.append(TENANT, LedgerEntryType.FEED_EXPORTED, Optional.empty(), Json.write(Map.of("feedId", "out-1", "to",
                "northwind", "keys", 8)), rules);
        w.append(TENANT, LedgerEntryType.FEED_IMPORTED, Optional.empty(), Json.write(Map.of("feedId", "in-1", "partner",
                "northwind", "generatedAt", partnerGeneratedAt.toString(), "keys", partnerKeys)), rules);
    }

    @Test
    void aWellRunTenantMeetsTheGuidelinesWithLiveFigures() {
        review("admin@example.com");
        exchangeFeeds(NOW.minus(Duration.ofHours(1)), 3);
        Evidence e = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS, EvidenceThresholds.DEFAULT, signedNow(), MAPPING)
                .assess(TENANT);

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
        assertThat(e.guideline("CEK-21.6").reason()).contains("history 6 months");
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
        review("admin@example.com");
        exchangeFeeds(NOW.minus(Duration.ofHours(1)), 3);
        EvidenceReport report = withMapping();
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

    @Test
    void accessIsNotMetWithoutAnyoneHoldingARoleNorBeforeItIsReviewed() {
        Evidence nobody = assess(WITH_CUSTODIANS);
        Evidence unreviewed = withMapping().assess(TENANT);

        assertThat(verdict(nobody, "CEK-21.5")).isEqualTo(Verdict.NOT_MET);
        assertThat(nobody.guideline("CEK-21.5").reason()).contains("no principal holds a role");
        assertThat(verdict(unreviewed, "CEK-21.5")).isEqualTo(Verdict.NOT_MET);
        assertThat(unreviewed.guideline("CEK-21.5").reason()).contains("2 principals hold roles")
                .contains("never been reviewed");
        assertThat(unreviewed.guideline("CEK-21.5").figures()).containsEntry("principalsWithRoles", 2)
                .containsEntry("principalsByRole", Map.of("ADMIN", 1L, "AUDITOR", 1L))
                .containsEntry("accessReviews", 0L);
    }

    @Test
    void aReviewMeetsAccessUntilAGrantComesAfterItOrItGrowsOld() {
        review("admin@example.com");
        Evidence reviewed = withMapping().assess(TENANT);
        f.clock.set(NOW.plus(Duration.ofDays(1)));
        access().tokenIssued(TENANT, "bob", java.util.Set.of(Role.CUSTODIAN), f.clock.instant(),
                f.clock.instant().plus(Duration.ofDays(7)), "t-1", "local:alice");
        Evidence newToken = withMapping().assess(TENANT);
        review("admin@example.com");
        Evidence reviewedAgain = withMapping().assess(TENANT);
        f.clock.set(NOW.plus(Duration.ofDays(9)));
        Evidence tokenExpired = withMapping().assess(TENANT);
        f.clock.set(NOW.plus(Duration.ofDays(95)));
        Evidence old = withMapping().assess(TENANT);

        assertThat(verdict(reviewed, "CEK-21.5")).as(reviewed.guideline("CEK-21.5").reason()).isEqualTo(Verdict.MET);
        assertThat(reviewed.guideline("CEK-21.5").figures()).containsEntry("lastAccessReviewBy", Optional.of("admin@example.com"));
        assertThat(verdict(newToken, "CEK-21.5")).isEqualTo(Verdict.PARTIAL);
        assertThat(newToken.guideline("CEK-21.5").reason()).contains("1 role grants were made after the last review")
                .contains("bob: custodian (local token)");
        assertThat(newToken.guideline("CEK-21.5").figures()).containsEntry("localTokensLive", 1)
                .containsEntry("localTokensIssued", 1L);
        assertThat(verdict(reviewedAgain, "CEK-21.5")).isEqualTo(Verdict.MET);
        assertThat(tokenExpired.guideline("CEK-21.5").figures()).containsEntry("localTokensLive", 0)
                .containsEntry("principalsWithRoles", 2);
        assertThat(verdict(old, "CEK-21.5")).isEqualTo(Verdict.PARTIAL);
        assertThat(old.guideline("CEK-21.5").reason()).contains("more than 90 days ago");
    }

    @Test
    void refusedRequestsAreCountedFromTheLedger() {
        AccessLedger access = access();
        access.refused(TENANT, "viewer@example.com", Operation.ANNOTATE_KEY, AccessDecision.DENIED);
        access.refused(TENANT, "viewer@example.com", Operation.ANNOTATE_KEY, AccessDecision.DENIED);
        f.clock.set(NOW.plus(Duration.ofMinutes(2)));
        access.refused(TENANT, "viewer@example.com", Operation.ANNOTATE_KEY, AccessDecision.DENIED);
        access.refused(TENANT, "stranger@example.com", Operation.READ_REPORTS, AccessDecision.NOT_FOUND);

        Evidence e = withMapping().assess(TENANT);

        assertThat(e.guideline("CEK-21.5").figures()).containsEntry("requestsRefused", 4L)
                .containsEntry("refusedByOperation", Map.of("ANNOTATE_KEY", 3L, "READ_REPORTS", 1L))
                .containsEntry("lastRequestRefusedAt", Optional.of(NOW.plus(Duration.ofMinutes(2))));
    }

    @Test
    void coordinationIsNotMetBeforeAnyFeedIsExchangedAndPartialOnceTheNewestIsOld() {
        Evidence none = assess(WITH_CUSTODIANS);
        exchangeFeeds(NOW.minus(Duration.ofDays(2)), 5);
        Evidence exchanged = assess(WITH_CUSTODIANS);
        f.clock.set(NOW.plus(Duration.ofDays(91)));
        Evidence old = assess(WITH_CUSTODIANS);

        assertThat(verdict(none, "CEK-21.10")).isEqualTo(Verdict.NOT_MET);
        assertThat(none.guideline("CEK-21.10").reason()).contains("no signed inventory feed has been exchanged");
        assertThat(verdict(exchanged, "CEK-21.10")).as(exchanged.guideline("CEK-21.10").reason()).isEqualTo(Verdict.MET);
        assertThat(exchanged.guideline("CEK-21.10").figures()).containsEntry("feedsExported", 1L)
                .containsEntry("feedsImported", 1L).containsEntry("partnerHeldKeys", 5L)
                .containsEntry("feedsByPartner", Map.of("northwind", 2L))
                .containsEntry("partnerHeldKeysByPartner", Map.of("northwind", 5L))
                .containsEntry("newestFeedAgeDays", Optional.of(0L));
        assertThat(verdict(old, "CEK-21.10")).isEqualTo(Verdict.PARTIAL);
        assertThat(old.guideline("CEK-21.10").reason()).contains("more than 90 days ago");
    }

    @Test
    void theChartsCountKeysByProviderAndStateAndShowEachScopesLatestSweep() {
        Evidence e = assess(WITH_CUSTODIANS);

        assertThat(e.charts().keysByProviderAndState()).containsEntry("aws", Map.of("ACTIVE", 3L, "DESTROYED", 1L))
                .containsEntry("azure", Map.of("ACTIVE", 1L, "SUSPENDED", 1L)).containsEntry("gcp", Map.of("ACTIVE", 2L));
        assertThat(e.charts().latestSweeps()).extracting(EvidenceCharts.SweepCoverage::scope)
                .containsExactlyInAnyOrder("aws:111122223333:us-east-1", "azure:" + ReportFixtures.AZURE_SUBSCRIPTION
                        + ":contoso-vault", "gcp:acme-prod:europe-west1");
        assertThat(e.charts().latestSweeps()).allSatisfy(s -> assertThat(s.inventoryCoverage()).isEqualTo(1.0));
        assertThat(e.charts().history()).isEmpty();
    }

    @Test
    void readingTheEvidenceRecordsItsVerdictsOnceWhileTheyHoldAndAgainWhenTheyChange() {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        long before = ledgerCount(LedgerEntryType.EVIDENCE_RECORDED);

        Evidence first = report.record(report.assess(TENANT));
        f.clock.set(NOW.plus(Duration.ofHours(2)));
        Evidence same = report.record(report.assess(TENANT));
        f.clock.set(NOW.plus(Duration.ofDays(10)));
        Evidence changed = report.record(report.assess(TENANT));
        f.clock.set(NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
        Evidence again = report.assess(TENANT);

        assertThat(first.charts().history()).hasSize(1);
        assertThat(same.charts().history()).hasSize(1);
        assertThat(changed.charts().history()).hasSize(2);
        assertThat(ledgerCount(LedgerEntryType.EVIDENCE_RECORDED) - before).isEqualTo(2);
        // What the ledger holds is what the next reading draws, in order, with the verdicts of the day.
        assertThat(again.charts().history()).extracting(EvidenceSnapshot::generatedAt)
                .containsExactly(NOW, NOW.plus(Duration.ofDays(10)));
        assertThat(again.charts().history().get(0).verdicts().get("CEK-21.9")).isEqualTo(Verdict.MET);
        assertThat(again.charts().history().get(1).verdicts().get("CEK-21.9")).isEqualTo(Verdict.PARTIAL);
        // No public key was given to this report: the hash chain verifies, the checkpoints are not checked.
        assertThat(again.guideline("CEK-21.4").verdict()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void aSnapshotIsRecordedAgainOnceADayHasPassedEvenWithTheSameVerdicts() {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        report.record(report.assess(TENANT));
        f.clock.set(NOW.plus(Duration.ofDays(1)));

        Evidence nextDay = report.record(report.assess(TENANT));

        assertThat(nextDay.charts().history()).hasSize(2);
        assertThat(nextDay.charts().history().get(0).sameVerdicts(nextDay.charts().history().get(1))).isTrue();
    }

    @Test
    void everyFigureOfTheReportHasALabelInWords() {
        Evidence e = assess(WITH_CUSTODIANS);
        for (Guideline g : e.guidelines()) {
            for (Map.Entry<String, Object> figure : g.figures().entrySet()) {
                assertThat(FigureLabels.known(figure.getKey())).as(g.id() + " figure " + figure.getKey()).isPresent();
                Object value = figure.getValue() instanceof Optional<?> o ? o.orElse(null) : figure.getValue();
                if (value instanceof Map<?, ?> m) {
                    for (Object k : m.keySet()) {
                        // Nested figures (a checkpoint's parts) need labels too; data keys are shown as they are.
                        if (String.valueOf(k).matches("[a-z]+[A-Z][A-Za-z]*")) {
                            assertThat(FigureLabels.known(String.valueOf(k))).as(g.id() + " " + figure.getKey() + "." + k)
                                    .isPresent();
                        }
                    }
                }
            }
        }
    }

    @Test
    void htmlShowsFiguresInWordsThreeChartsAndAPrintStylesheet() throws IOException {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeHtml(report.record(report.assess(TENANT)), out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).contains("<td>Keys with an owner</td><td>100.0%</td>", "<td>The ledger&#39;s hash chain verifies</td><td>yes</td>",
                "<td>Key history kept for</td><td>7 years</td>", "AWS KMS: 3", "Google Cloud KMS: 2");
        assertThat(html).doesNotContain(">shareWithOwner<", ">ledgerIntact<", ">P7Y<");
        assertThat(html).contains("<svg id=\"chart-keys-svg\"", "<svg id=\"chart-sweeps-svg\"", "<svg id=\"chart-verdicts-svg\"",
                "role=\"img\"", "@media print", "@page");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    }

    @Test
    void chartsOfAnEmptyTenantSayWhatIsMissingInsteadOfDrawingNothing() throws IOException {
        EvidenceReport report = new EvidenceReport(f.store, f.clock, WITH_CUSTODIANS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeHtml(report.assess("empty-tenant"), out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).contains("The inventory holds no key.", "No sweep finished in the last 30 days.")
                .contains("<svg id=\"chart-verdicts-svg\"");
    }

    private long ledgerCount(LedgerEntryType type) {
        return f.store.ledger(TENANT, 1, Optional.empty(), true, PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                .filter(r -> r.type() == type).count();
    }

    /** The store with its ledger rewritten on read: {@code edit} returns the record to show, or null to drop it. */
    private InventoryStore ledgerRewritten(UnaryOperator<LedgerRecord> edit) {
        return StoreParts.of(f.store).withLedger(new RewrittenLedger(f.store, edit)).compose();
    }
}
