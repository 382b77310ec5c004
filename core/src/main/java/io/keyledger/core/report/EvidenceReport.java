package io.keyledger.core.report;

import static io.keyledger.core.report.InventoryFacts.share;

import io.keyledger.core.access.Role;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * The CEK-21 evidence report: for each auditing guideline of the control (and the CCM line on lifecycle
 * management and change traceability), live figures from the tenant's inventory, ledger, sweeps, alerts
 * and retention settings, and a verdict with its reason. The thresholds are {@link EvidenceThresholds};
 * docs/REPORTS.md maps each guideline to its figures and rules.
 *
 * <p>Gathering reads the inventory, the ledger (verifying its hash chain on the way), the sweep reports
 * of the last {@link EvidenceThresholds#staleSweep()} and the alerts, each a page at a time; it keeps
 * counts only, so the evidence is small whatever the inventory's size.
 */
public final class EvidenceReport {

    private final InventoryStore store;
    private final Clock clock;
    private final AnomalyPolicies policies;
    private final EvidenceThresholds thresholds;

    public EvidenceReport(InventoryStore store, Clock clock, AnomalyPolicies policies) {
        this(store, clock, policies, EvidenceThresholds.DEFAULT);
    }

    public EvidenceReport(InventoryStore store, Clock clock, AnomalyPolicies policies, EvidenceThresholds thresholds) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Gathers the figures and judges every guideline. */
    public Evidence assess(String tenant) {
        Instant now = clock.instant();
        AnomalyPolicy policy = policies.forTenant(tenant);
        InventoryFacts inv = InventoryFacts.gather(store, tenant, policy.rotationOverdue(), now);
        LedgerFacts ledger = LedgerFacts.gather(store, tenant, policy.changeReference());
        SweepFacts sweeps = SweepFacts.gather(store, tenant, now.minus(thresholds.staleSweep()));
        AlertFacts alerts = AlertFacts.gather(store, tenant);
        RetentionPolicy retention = store.retentionPolicy(tenant);
        List<LegalHold> holds = store.legalHolds(tenant);
        Judge j = new Judge(now, thresholds, policy, inv, ledger, sweeps, alerts, retention, holds);
        return new Evidence(tenant, now, thresholds, List.of(j.tracking(), j.attributes(), j.scope(), j.logging(),
                j.access(), j.retention(), j.aiKeys(), j.monitoring(), j.reviews(), j.coordination(), j.lifecycle()));
    }

    public void writeJson(Evidence e, OutputStream out) throws IOException {
        EvidenceJson.write(e, out);
    }

    public void writeHtml(Evidence e, OutputStream out) throws IOException {
        EvidenceHtml.write(e, out);
    }

    /** Applies the thresholds to the gathered facts, one guideline at a time. */
    private record Judge(Instant now, EvidenceThresholds t, AnomalyPolicy policy, InventoryFacts inv, LedgerFacts ledger,
                         SweepFacts sweeps, AlertFacts alerts, RetentionPolicy retentionPolicy, List<LegalHold> holds) {

        Guideline tracking() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("keys", inv.keys);
            f.put("keysByProvider", inv.byProvider);
            f.put("eventsLedgered", ledger.events());
            f.put("lastEventReceivedAt", ledger.lastEventRecordedAt);
            f.put("lastSweepFinishedAt", sweeps.lastFinishedAt);
            Verdict v;
            String why;
            if (inv.keys == 0 || ledger.events() == 0) {
                v = Verdict.NOT_MET;
                why = inv.keys == 0 ? "the inventory holds no key" : "no audit event has been received";
            } else if (ledger.lastEventRecordedAt.get().isBefore(now.minus(t.maxEventSilence()))) {
                v = Verdict.PARTIAL;
                why = "no audit event received in the last " + days(t.maxEventSilence()) + ": is ingestion running?";
            } else if (sweeps.lastFinishedAt.isEmpty()) {
                v = Verdict.PARTIAL;
                why = "events are tracked, but no sweep has ever reconciled the inventory";
            } else {
                v = Verdict.MET;
                why = "events are received (the latest within " + days(t.maxEventSilence())
                        + ") and sweeps reconcile the inventory; every report streams from the store";
            }
            return new Guideline("CEK-21.1", "Processes track and report all cryptographic materials and changes in key status",
                    "audit-log ingest of the three providers, scheduled sweeps, these reports", f, v, why);
        }

        Guideline attributes() {
            Map<String, Object> f = new LinkedHashMap<>();
            double owner = share(inv.withOwner, inv.keys);
            double algorithm = share(inv.algorithmKnown, inv.keys);
            double kind = share(inv.kindKnown, inv.keys);
            double usage = share(inv.withUsageContext, inv.keys);
            double partial = share(inv.partiallyObserved, inv.keys);
            f.put("keys", inv.keys);
            f.put("shareWithOwner", owner);
            // An inferred owner (the creator) counts as an owner, and the share of them is shown beside it.
            f.put("shareWithInferredOwner", share(inv.withInferredOwner, inv.keys));
            f.put("keysByOwnerBasis", inv.byOwnerBasis);
            f.put("shareWithAlgorithm", algorithm);
            f.put("shareWithKind", kind);
            f.put("shareWithUsageContext", usage);
            f.put("partiallyObservedKeys", inv.partiallyObserved);
            f.put("keysWithStateUnknown", inv.stateUnknown);
            f.put("keysWithProtectedResources", inv.withProtectedResources);
            f.put("keysByState", inv.byState);
            if (inv.keys == 0) {
                return new Guideline("CEK-21.2", AUDITOR_2, IMPLEMENTED_2, f, Verdict.NOT_MET, "the inventory holds no key");
            }
            Map<String, Double> shares = new LinkedHashMap<>();
            shares.put("owner", owner);
            shares.put("algorithm", algorithm);
            shares.put("type", kind);
            shares.put("usage context", usage);
            List<String> low = new ArrayList<>();
            List<String> veryLow = new ArrayList<>();
            shares.forEach((name, s) -> {
                if (s < t.completeShare()) {
                    low.add(name + " " + percent(s));
                }
                if (s < t.partialShare()) {
                    veryLow.add(name + " " + percent(s));
                }
            });
            Verdict v;
            String why;
            if (!veryLow.isEmpty()) {
                v = Verdict.NOT_MET;
                why = "attributes filled on fewer than " + percent(t.partialShare()) + " of keys: " + String.join(", ", veryLow);
            } else if (!low.isEmpty() || partial > t.maxPartialObserved()) {
                v = Verdict.PARTIAL;
                List<String> gaps = new ArrayList<>(low);
                if (partial > t.maxPartialObserved()) {
                    gaps.add(percent(partial) + " of keys only partially observed");
                }
                why = "below " + percent(t.completeShare()) + ": " + String.join(", ", gaps);
            } else {
                v = Verdict.MET;
                why = "type, state, algorithm, owner and usage context on at least " + percent(t.completeShare())
                        + " of keys; at most " + percent(t.maxPartialObserved()) + " partially observed";
            }
            return new Guideline("CEK-21.2", AUDITOR_2, IMPLEMENTED_2, f, v, why);
        }

        Guideline scope() {
            Map<String, Object> f = new LinkedHashMap<>();
            Set<String> swept = sweptScopes(sweeps.latestComplete, now.minus(t.staleSweep()));
            Set<String> unswept = new TreeSet<>(inv.liveScopes);
            unswept.removeAll(swept);
            f.put("keysByProvider", inv.byProvider);
            f.put("keysByManager", inv.byManager);
            f.put("keysByKind", inv.byKind);
            f.put("providerManagedKeys", inv.providerManaged);
            f.put("aiKeys", inv.aiKeys);
            f.put("scopesHoldingKeys", inv.liveScopes.size());
            f.put("scopesWithRecentCompleteSweep", inv.liveScopes.size() - unswept.size());
            f.put("scopesNotSwept", first(unswept, 20));
            Verdict v;
            String why;
            if (inv.keys == 0) {
                v = Verdict.NOT_MET;
                why = "the inventory holds no key";
            } else if (unswept.isEmpty()) {
                v = Verdict.MET;
                why = "every scope holding keys had a complete sweep within " + days(t.staleSweep())
                        + ", which lists every key the provider holds there, provider-managed keys included";
            } else if (unswept.size() < inv.liveScopes.size()) {
                v = Verdict.PARTIAL;
                why = unswept.size() + " of " + inv.liveScopes.size() + " scopes holding keys had no complete sweep within "
                        + days(t.staleSweep()) + ": keys there may be missing from the inventory";
            } else {
                v = Verdict.NOT_MET;
                why = "no scope holding keys had a complete sweep within " + days(t.staleSweep())
                        + ": completeness is not established";
            }
            return new Guideline("CEK-21.3", "The inventory includes all cryptographic materials in scope: storage, tenant, "
                    + "control-plane and AI infrastructure keys", "the three providers' key sources, every key kind, "
                    + "provider-managed keys; complete sweeps per scope", f, v, why);
        }

        Guideline logging() {
            Map<String, Object> f = new LinkedHashMap<>();
            double identified = share(ledger.eventsIdentified, ledger.events());
            f.put("eventsLedgered", ledger.events());
            f.put("keyRecordChangesLedgered", ledger.byType.get(LedgerEntryType.ASSET_CHANGED));
            f.put("shareOfEventsWithPrincipalAndChannel", identified);
            f.put("ledgerRecordsChecked", ledger.verification.recordsChecked());
            f.put("ledgerIntact", ledger.verification.intact());
            f.put("ledgerFirstBreak", ledger.verification.firstBreak().map(LedgerBreak::toString));
            f.put("purgedRecordsAttested", ledger.verification.purgedRecords());
            f.put("lowestEventCoverageOfLatestSweeps", lowest(sweeps.latest, SweepFacts.ScopeSweep::eventCoverage));
            Verdict v;
            String why;
            if (!ledger.verification.intact()) {
                v = Verdict.NOT_MET;
                why = "the ledger does not verify: " + ledger.verification.firstBreak().get();
            } else if (ledger.events() == 0) {
                v = Verdict.NOT_MET;
                why = "no status change has been logged";
            } else if (identified < t.completeShare()) {
                v = Verdict.PARTIAL;
                why = "only " + percent(identified) + " of logged events name both the principal and the channel "
                        + "(threshold " + percent(t.completeShare()) + ")";
            } else {
                v = Verdict.MET;
                why = "every event is ledgered with its event time and arrival time in a hash chain that verifies; "
                        + percent(identified) + " name the principal and the channel";
            }
            return new Guideline("CEK-21.4", "Changes in key status are logged automatically with timestamps and source "
                    + "identifiers", "KeyEvent (actor, source IP, user agent, source pointer) and the hash-chained ledger",
                    f, v, why);
        }

        Guideline access() {
            Map<String, Object> f = new LinkedHashMap<>();
            Map<String, Object> roles = new LinkedHashMap<>();
            for (Role r : Role.values()) {
                roles.put(r.name(), r.operations().stream().map(Enum::name).sorted().toList());
            }
            f.put("roles", roles);
            f.put("tenantIsolation", "every store call takes the tenant");
            return new Guideline("CEK-21.5", "Access to the key inventory is role-based: only authorised personnel view or "
                    + "modify records", "access control on every request (principal, tenant, operation, resource)", f,
                    Verdict.MET, "every request is checked against the principal's role for the tenant; which principals "
                    + "hold which role is configured outside the inventory and is not counted here");
        }

        Guideline retention() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("historyRetention", retentionPolicy.history().toString());
            f.put("ledgerRetention", retentionPolicy.ledger().toString());
            f.put("destroyedKeyMetadataRetention", retentionPolicy.destroyedMetadata().toString());
            f.put("retentionPolicySetByTenant", ledger.byType.get(LedgerEntryType.RETENTION_POLICY_SET) > 0);
            f.put("legalHoldsOnTenant", holds.stream().filter(LegalHold::tenantWide).count());
            f.put("legalHoldsOnKeys", holds.stream().filter(h -> !h.tenantWide()).count());
            f.put("destroyedKeysRetained", inv.destroyedRetained);
            f.put("purgesAttested", ledger.byType.get(LedgerEntryType.RETENTION_PURGED));
            f.put("purgedRecordsAttested", ledger.verification.purgedRecords());
            List<String> short_ = new ArrayList<>();
            check(short_, "history", retentionPolicy.history());
            check(short_, "ledger", retentionPolicy.ledger());
            check(short_, "destroyed key metadata", retentionPolicy.destroyedMetadata());
            boolean unattested = ledger.verification.firstBreak().map(b -> b.kind() == LedgerBreak.Kind.MISSING).orElse(false);
            Verdict v;
            String why;
            if (unattested) {
                v = Verdict.NOT_MET;
                why = "ledger records were removed without a purge attesting them: " + ledger.verification.firstBreak().get();
            } else if (!short_.isEmpty()) {
                v = Verdict.PARTIAL;
                why = "retention shorter than " + t.minRetention() + ": " + String.join(", ", short_);
            } else {
                v = Verdict.MET;
                why = "history, ledger and destroyed keys' metadata are kept for at least " + t.minRetention()
                        + ", legal holds stop expiry, and every purge is attested in the ledger; whether the periods "
                        + "meet contractual and legal requirements is judged against the figures above";
            }
            return new Guideline("CEK-21.6", "Archival and retention of historical key metadata meet internal policy, "
                    + "contracts and legal requirements", "per-tenant retention policy, record expiry, legal holds, "
                    + "attested purges", f, v, why);
        }

        private void check(List<String> out, String what, Period p) {
            if (RetentionPolicy.plus(now, p).isBefore(RetentionPolicy.plus(now, t.minRetention()))) {
                out.add(what + " " + p);
            }
        }

        Guideline aiKeys() {
            Map<String, Object> f = new LinkedHashMap<>();
            double owned = share(inv.aiKeysWithOwner, inv.aiKeys);
            f.put("aiKeys", inv.aiKeys);
            f.put("aiKeysByCategory", inv.aiByCategory);
            f.put("aiKeysByService", inv.aiByService);
            f.put("shareOfAiKeysWithOwner", owned);
            Verdict v;
            String why;
            if (inv.aiKeys == 0) {
                v = Verdict.PARTIAL;
                why = "no key is used by an AI service as far as events, grants and tags show: confirm that the tenant "
                        + "runs no AI workload, or tag its keys with " + io.keyledger.core.key.AiUsageCategory.TAG;
            } else if (owned < t.completeShare()) {
                v = Verdict.PARTIAL;
                why = inv.aiKeys + " AI keys tracked, but only " + percent(owned) + " have an owner (threshold "
                        + percent(t.completeShare()) + ")";
            } else {
                v = Verdict.MET;
                why = inv.aiKeys + " keys of AI services are tracked with their usage category, and "
                        + percent(owned) + " have an owner";
            }
            return new Guideline("CEK-21.7", "Keys of AI-enabling services (inference logs, prompt routing, tenant AI "
                    + "environments) are represented and tracked", "usage context: AI services detected from events, "
                    + "grants, principals and tags", f, v, why);
        }

        Guideline monitoring() {
            Map<String, Object> f = new LinkedHashMap<>();
            Map<String, Boolean> rules = ruleSwitches(policy);
            List<String> off = rules.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
            List<String> essentialOff = off.stream().filter(ESSENTIAL_RULES::contains).toList();
            f.put("rulesEnabled", rules.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
            f.put("rulesDisabled", off);
            f.put("custodiansConfigured", policy.custodians().principals().size());
            f.put("changeWindowsConfigured", policy.changeWindows().windows().size());
            f.put("openAlerts", alerts.open);
            f.put("openAlertsByRule", alerts.openByRule);
            f.put("openAlertsBySeverity", alerts.openBySeverity);
            f.put("acknowledgedAlerts", alerts.acknowledged);
            f.put("oldestOpenHighOrCriticalAlertRaisedAt", alerts.oldestOpenHighRaisedAt);
            boolean stale = alerts.oldestOpenHighRaisedAt.map(at -> at.isBefore(now.minus(t.maxOpenHighAlert()))).orElse(false);
            Verdict v;
            String why;
            if (!essentialOff.isEmpty()) {
                v = Verdict.NOT_MET;
                why = "rules that catch unexpected lifecycle events are switched off: " + String.join(", ", essentialOff);
            } else if (policy.custodians().principals().isEmpty()) {
                v = Verdict.PARTIAL;
                why = "no key custodians are configured, so changes by unauthorised principals cannot be told apart";
            } else if (stale) {
                v = Verdict.PARTIAL;
                why = "a HIGH or CRITICAL alert has been open since " + alerts.oldestOpenHighRaisedAt.get()
                        + ", longer than " + days(t.maxOpenHighAlert());
            } else {
                v = Verdict.MET;
                why = "anomaly rules are on, custodians are configured and no HIGH or CRITICAL alert is open for longer than "
                        + days(t.maxOpenHighAlert());
            }
            return new Guideline("CEK-21.8", "Monitoring, alerting or anomaly detection identifies unexpected key lifecycle "
                    + "events", "anomaly rules and alert sinks", f, v, why);
        }

        Guideline reviews() {
            Map<String, Object> f = new LinkedHashMap<>();
            Set<String> recent = sweptScopes(sweeps.latestComplete, now.minus(t.sweepInterval()));
            long notRecent = inv.liveScopes.stream().filter(s -> !recent.contains(s)).count();
            Optional<Double> coverage = lowest(sweeps.latest, SweepFacts.ScopeSweep::inventoryCoverage);
            long partial = sweeps.latest.values().stream().filter(SweepFacts.ScopeSweep::partial).count();
            f.put("lastSweepFinishedAt", sweeps.lastFinishedAt);
            f.put("lastSweepAgeDays", sweeps.lastFinishedAt.map(at -> Duration.between(at, now).toDays()));
            f.put("scopesSwept", sweeps.latest.size());
            f.put("scopesHoldingKeysWithoutRecentCompleteSweep", notRecent);
            f.put("latestSweepsPartial", partial);
            f.put("lowestInventoryCoverageOfLatestSweeps", coverage);
            f.put("untrackedInLatestSweeps", sweeps.latest.values().stream().mapToLong(SweepFacts.ScopeSweep::untracked).sum());
            f.put("missingInLatestSweeps", sweeps.latest.values().stream().mapToLong(SweepFacts.ScopeSweep::missing).sum());
            f.put("driftedInLatestSweeps", sweeps.latest.values().stream().mapToLong(SweepFacts.ScopeSweep::drifted).sum());
            f.put("providersSwept", new TreeSet<>(sweeps.latest.values().stream().map(SweepFacts.ScopeSweep::provider).toList()));
            Verdict v;
            String why;
            if (sweeps.latest.isEmpty()) {
                v = Verdict.NOT_MET;
                why = "no sweep within " + days(t.staleSweep());
            } else if (notRecent == 0 && partial == 0 && coverage.orElse(1.0) >= t.minCoverage()) {
                v = Verdict.MET;
                why = "every scope holding keys had a complete sweep within " + days(t.sweepInterval())
                        + " and the latest sweeps found at least " + percent(t.minCoverage()) + " of keys already correct";
            } else {
                v = Verdict.PARTIAL;
                List<String> gaps = new ArrayList<>();
                if (notRecent > 0) {
                    gaps.add(notRecent + " scopes holding keys without a complete sweep within " + days(t.sweepInterval()));
                }
                if (partial > 0) {
                    gaps.add(partial + " latest sweeps partial");
                }
                if (coverage.orElse(1.0) < t.minCoverage()) {
                    gaps.add("lowest coverage " + percent(coverage.get()) + " (threshold " + percent(t.minCoverage()) + ")");
                }
                why = String.join("; ", gaps);
            }
            return new Guideline("CEK-21.9", "Periodic reviews ensure completeness, accuracy and consistency of the "
                    + "inventory across cloud service boundaries", "sweeps (reconciliation) per scope, with reports",
                    f, v, why);
        }

        Guideline coordination() {
            Map<String, Object> f = new LinkedHashMap<>();
            double known = share(inv.responsibilityKnown, inv.keys);
            f.put("shareWithResponsibleParty", known);
            f.put("shareWithResponsibilityMode", share(inv.responsibilityMode, inv.keys));
            f.put("keysByResponsibleParty", inv.byResponsibility);
            f.put("keysByResponsibilityRule", inv.byResponsibilityRule);
            f.put("keysWithExternalPrincipals", inv.withExternalPrincipals);
            f.put("providerManagedKeys", inv.providerManaged);
            f.put("exchangeFormat", "CycloneDX 1.6 CBOM (report inventory, format cbom); unsigned");
            Verdict v;
            String why;
            if (inv.keys == 0) {
                v = Verdict.NOT_MET;
                why = "the inventory holds no key";
            } else if (known >= t.completeShare()) {
                v = Verdict.MET;
                why = percent(known) + " of keys name the responsible party; the inventory is exchanged with upstream "
                        + "and downstream parties as a CycloneDX CBOM";
            } else if (known >= t.partialShare()) {
                v = Verdict.PARTIAL;
                why = "only " + percent(known) + " of keys name the responsible party (threshold "
                        + percent(t.completeShare()) + ")";
            } else {
                v = Verdict.NOT_MET;
                why = "only " + percent(known) + " of keys name the responsible party";
            }
            return new Guideline("CEK-21.10", "Key inventory and lifecycle information is coordinated with upstream and "
                    + "downstream parties where responsibilities are shared", "shared-responsibility fields; CBOM export",
                    f, v, why);
        }

        Guideline lifecycle() {
            Map<String, Object> f = new LinkedHashMap<>();
            long compliant = inv.rotation.get(RotationCheck.Status.COMPLIANT);
            long overdue = inv.rotation.get(RotationCheck.Status.OVERDUE);
            Map<String, Long> rotation = new TreeMap<>();
            inv.rotation.forEach((s, n) -> rotation.put(s.name(), n));
            double referenced = ledger.watchedChanges == 0 ? 1.0
                    : share(ledger.watchedChangesWithReference, ledger.watchedChanges);
            double overdueShare = share(overdue, compliant + overdue);
            f.put("maxCryptoperiod", policy.rotationOverdue().maxCryptoperiod().toString());
            f.put("keysByRotationStatus", rotation);
            f.put("notRotatableKeysPastCryptoperiod", inv.notRotatablePastCryptoperiod);
            f.put("watchedChanges", ledger.watchedChanges);
            f.put("shareOfWatchedChangesWithReference", referenced);
            Verdict v;
            String why;
            if (overdueShare > t.partialShare() || referenced < t.partialShare()) {
                v = Verdict.NOT_MET;
                why = percent(overdueShare) + " of rotatable active keys overdue, " + percent(referenced)
                        + " of changes with a change reference";
            } else if (overdue > 0 || inv.notRotatablePastCryptoperiod > 0 || referenced < t.completeShare()) {
                v = Verdict.PARTIAL;
                List<String> gaps = new ArrayList<>();
                if (overdue > 0) {
                    gaps.add(overdue + " keys past the maximum cryptoperiod " + policy.rotationOverdue().maxCryptoperiod());
                }
                if (inv.notRotatablePastCryptoperiod > 0) {
                    gaps.add(inv.notRotatablePastCryptoperiod + " keys the provider cannot rotate are past it and due "
                            + "for replacement");
                }
                if (referenced < t.completeShare()) {
                    gaps.add("only " + percent(referenced) + " of watched changes carry a change reference");
                }
                why = String.join("; ", gaps);
            } else {
                v = Verdict.MET;
                why = "no key is past the maximum cryptoperiod " + policy.rotationOverdue().maxCryptoperiod()
                        + " and " + percent(referenced) + " of watched changes carry a change reference";
            }
            return new Guideline("CCM", "Key lifecycle management (creation, rotation, storage, disposal) meets "
                    + "requirements, and change management gives traceability of lifecycle steps",
                    "rotation checks against the maximum cryptoperiod; change references on changes", f, v, why);
        }

        private static Set<String> sweptScopes(Map<String, SweepFacts.ScopeSweep> byScope, Instant since) {
            Set<String> out = new TreeSet<>();
            byScope.forEach((scope, s) -> {
                if (!s.finishedAt().isBefore(since)) {
                    out.add(scope);
                }
            });
            return out;
        }
    }

    private static final String AUDITOR_2 = "The inventory is complete and current, with key attributes (type, status, "
            + "owner, lifecycle stage, algorithm) and usage context";
    private static final String IMPLEMENTED_2 = "CryptoAsset records, projected from events and corrected by sweeps";

    /** Rules without which unexpected destruction, revocation or compromise would go unnoticed. */
    private static final Set<String> ESSENTIAL_RULES = Set.of("premature-destruction", "destructive-burst",
            "illegal-transition", "audit-gaps", "compromise-declared");

    private static Map<String, Boolean> ruleSwitches(AnomalyPolicy p) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("premature-destruction", p.prematureDestruction().enabled());
        m.put("unauthorised-change", p.custodians().enabled());
        m.put("outside-change-window", p.changeWindows().enabled());
        m.put("missing-change-reference", p.changeReference().enabled());
        m.put("destructive-burst", p.burst().enabled());
        m.put("key-policy-lockout", p.keyPolicyLockout().enabled());
        m.put("illegal-transition", p.illegalTransition().enabled());
        m.put("seen-after-destruction", p.seenAfterDestruction().enabled());
        m.put("audit-gaps", p.auditGaps().enabled());
        m.put("rotation-overdue", p.rotationOverdue().enabled());
        m.put("expiring", p.expiring().enabled());
        m.put("repeated-failures", p.repeatedFailures().enabled());
        m.put("compromise-declared", p.compromise().enabled());
        return m;
    }

    private static Optional<Double> lowest(Map<String, SweepFacts.ScopeSweep> byScope,
                                           java.util.function.ToDoubleFunction<SweepFacts.ScopeSweep> f) {
        return byScope.values().stream().mapToDouble(f).boxed().min(Double::compare);
    }

    private static List<String> first(Set<String> items, int n) {
        return items.stream().limit(n).toList();
    }

    static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }

    static String days(Duration d) {
        return d.toDays() + " days";
    }

    /** The evidence as JSON. */
    static final class EvidenceJson {
        private EvidenceJson() {
        }

        static void write(Evidence e, OutputStream out) throws IOException {
            try (JsonGenerator g = RowWriter.generator(out)) {
                g.writeStartObject();
                Cells.property(g, "report", "evidence");
                Cells.property(g, "control", Evidence.CONTROL);
                Cells.property(g, "tenant", e.tenant());
                Cells.property(g, "generatedAt", e.generatedAt());
                Cells.property(g, "overall", e.overall());
                Map<String, Object> t = new LinkedHashMap<>();
                EvidenceThresholds th = e.thresholds();
                t.put("completeShare", th.completeShare());
                t.put("partialShare", th.partialShare());
                t.put("maxPartialObserved", th.maxPartialObserved());
                t.put("maxEventSilence", th.maxEventSilence());
                t.put("sweepInterval", th.sweepInterval());
                t.put("staleSweep", th.staleSweep());
                t.put("minCoverage", th.minCoverage());
                t.put("maxOpenHighAlert", th.maxOpenHighAlert());
                t.put("minRetention", th.minRetention().toString());
                Cells.property(g, "thresholds", t);
                g.writeName("guidelines");
                g.writeStartArray();
                for (Guideline gl : e.guidelines()) {
                    g.writeStartObject();
                    Cells.property(g, "id", gl.id());
                    Cells.property(g, "auditorChecks", gl.auditorChecks());
                    Cells.property(g, "implementedBy", gl.implementedBy());
                    Cells.property(g, "verdict", gl.verdict());
                    Cells.property(g, "reason", gl.reason());
                    Cells.property(g, "figures", gl.figures());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (JacksonException ex) {
                throw RowWriter.io(ex);
            }
        }
    }
}
