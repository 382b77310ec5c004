package io.keyledger.core.alert;

import static io.keyledger.core.alert.AlertHarness.ALICE;
import static io.keyledger.core.alert.AlertHarness.MALLORY;
import static io.keyledger.core.alert.AlertHarness.TENANT;
import static io.keyledger.core.alert.AlertHarness.by;
import static io.keyledger.core.alert.AlertHarness.failedBy;
import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.IngestRun;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantResolver;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One scenario per rule, each with a benign stream that must raise nothing. */
class AnomalyRulesTest {

    private static final KeyRef K1 = awsKey("k1");
    private static final KeyRef K2 = awsKey("k2");
    private static final Duration DAY = Duration.ofDays(1);

    /** A harness on the default policy, new for each test; a test of another policy makes its own. */
    private final AlertHarness h = new AlertHarness(AnomalyPolicy.DEFAULT);

    private static Instant day(int n) {
        return T0.plus(DAY.multipliedBy(n));
    }

    private static AnomalyPolicy with(java.util.function.UnaryOperator<AnomalyPolicy> change) {
        return change.apply(AnomalyPolicy.DEFAULT);
    }

    /** A realistic quiet life of a key: create, tag, use, rotate, and retire it long after its last use. */
    private static List<KeyEvent> benignLife(KeyRef key, String prefix) {
        return List.of(
                by(ALICE, prefix + "-create", day(0), Action.CREATE, key),
                by(ALICE, prefix + "-tag", day(1), Action.TAG, key, Map.of("tag.Owner", "payments")),
                by("arn:aws:iam::111122223333:role/app", prefix + "-use", day(2), Action.USE, key,
                        Map.of("usage.service", "s3.amazonaws.com")),
                by(ALICE, prefix + "-rotate", day(20), Action.ROTATE, key),
                by(ALICE, prefix + "-disable", day(90), Action.DISABLE, key),
                by(ALICE, prefix + "-schedule", day(100), Action.SCHEDULE_DESTRUCTION, key),
                by(ALICE, prefix + "-cancel", day(101), Action.CANCEL_DESTRUCTION, key),
                by(ALICE, prefix + "-schedule2", day(110), Action.SCHEDULE_DESTRUCTION, key),
                by(ALICE, prefix + "-destroy", day(140), Action.DESTROY, key));
    }

    @Test
    void theDefaultPolicyRaisesNothingOnABenignLife() {
        h.inventory.apply(benignLife(K1, "a"));
        h.inventory.apply(benignLife(K2, "b"));
        assertThat(h.stored()).isEmpty();
        assertThat(h.sent).isEmpty();
    }

    @Nested
    class PrematureDestruction {

        @Test
        void disablingAKeyUsedYesterdayAlertsOnceWhateverTheRedeliveries() {
            KeyEvent disable = by(ALICE, "disable", day(11), Action.DISABLE, K1);
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1),
                    by("arn:aws:iam::111122223333:role/app", "use", day(10), Action.USE, K1), disable);
            h.apply(disable);
            h.apply(disable);
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            Alert a = h.stored().get(0);
            assertThat(a.keyId()).contains(K1.id());
            assertThat(a.eventIds()).containsExactly(disable.dedupKey());
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.message()).contains("last used 2026-01-25T09:00:00Z");
            assertThat(h.sent).hasSize(1);
        }

        @Test
        void theAlertNamesWhatTheKeyProtects() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1),
                    by("arn:aws:iam::111122223333:role/app", "use", day(10), Action.USE, K1,
                            Map.of("usage.resource", "arn:aws:s3:::payments-archive,arn:aws:rds:us-east-1:111122223333:db:ledger")),
                    by(ALICE, "disable", day(11), Action.DISABLE, K1));
            assertThat(h.stored()).singleElement().satisfies(a -> assertThat(a.message())
                    .contains("protects arn:aws:rds:us-east-1:111122223333:db:ledger, arn:aws:s3:::payments-archive"));
        }

        @Test
        void schedulingDestructionOfAnAiKeyAlertsEvenUnusedForLong() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1, Map.of("usage.aiService", "bedrock.amazonaws.com")),
                    by(ALICE, "schedule", day(300), Action.SCHEDULE_DESTRUCTION, K1));
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            assertThat(h.stored().get(0).message()).contains("bedrock.amazonaws.com");
        }

        @Test
        void aUseDeliveredAfterTheDisableAlertsAsIfItHadComeFirst() {
            KeyEvent use = by("arn:aws:iam::111122223333:role/app", "use", day(10), Action.USE, K1);
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "disable", day(11), Action.DISABLE, K1));
            assertThat(h.stored()).isEmpty();
            h.apply(use);
            h.apply(use);
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            assertThat(h.stored().get(0).message()).contains("last used 2026-01-25T09:00:00Z");
            assertThat(h.sent).hasSize(1);
        }

        @Test
        void aLongRunJudgesTheDisableAgainWhenItFlushesLaterUses() {
            try (IngestRun run = h.inventory.run()) {
                run.apply(List.of(by(ALICE, "create", day(0), Action.CREATE, K1),
                        by(ALICE, "disable", day(11), Action.DISABLE, K1)));
                run.apply(List.of(by("app", "use", day(10), Action.USE, K1)));
                assertThat(h.stored()).as("the use waits in the run").isEmpty();
            }
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            assertThat(h.sent).hasSize(1);
        }

        @Test
        void anotherWritersUsesWaitingWhenTheDisableIsAppliedAlertWhenWritten() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1));
            try (IngestRun reader = h.inventory.run()) {
                reader.apply(List.of(by("app", "use", day(45), Action.USE, K1)));
                h.apply(by(ALICE, "disable", day(50), Action.DISABLE, K1));
                assertThat(h.stored()).as("the recent use still waits in the other run").isEmpty();
            }
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
        }

        @Test
        void aDisableIsJudgedOnUsesAnotherWriterStoredAfterThisRunReadTheRollup() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1));
            try (IngestRun changer = h.inventory.run()) {
                changer.apply(List.of(by("app", "old-use", day(1), Action.USE, K1)));
                changer.flush();
                h.apply(by("app", "use", day(45), Action.USE, K1));
                changer.apply(List.of(by(ALICE, "disable", day(50), Action.DISABLE, K1)));
                assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            }
        }

        @Test
        void anAiServiceToldAfterTheScheduleAlerts() {
            h.apply(by(ALICE, "schedule", day(300), Action.SCHEDULE_DESTRUCTION, K1));
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1, Map.of("usage.aiService", "bedrock.amazonaws.com")));
            assertThat(h.rules()).containsExactly(Rule.PREMATURE_DESTRUCTION);
            assertThat(h.stored().get(0).message()).contains("bedrock.amazonaws.com");
        }

        @Test
        void aLateUseFromBeforeTheRecentUseWindowRaisesNothing() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "disable", day(40), Action.DISABLE, K1));
            h.apply(by("app", "use", day(1), Action.USE, K1));
            assertThat(h.stored()).isEmpty();
        }

        @Test
        void benignRetirementLongAfterLastUseRaisesNothing() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1),
                    by("app", "use", day(1), Action.USE, K1),
                    by(ALICE, "disable", day(40), Action.DISABLE, K1));
            assertThat(h.stored()).isEmpty();
        }
    }

    @Nested
    class Custodians {

        private final AnomalyPolicy policy = with(p -> new AnomalyPolicy(p.prematureDestruction(),
                new AnomalyPolicy.Custodians(true, List.of("arn:aws:iam::111122223333:role/KeyAdmin*"),
                        AnomalyPolicy.WATCHED_CHANGES),
                p.changeWindows(), p.changeReference(), p.burst(), p.keyPolicyLockout(), p.illegalTransition(),
                p.seenAfterDestruction(), p.auditGaps(), p.rotationOverdue(), p.expiring(), p.repeatedFailures(),
                p.compromise()));

        @Test
        void aDisableByANonCustodianAlerts() {
            AlertHarness h = new AlertHarness(policy);
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(MALLORY, "disable", day(50), Action.DISABLE, K1));
            assertThat(h.rules()).containsExactly(Rule.UNAUTHORISED_CHANGE);
            assertThat(h.stored().get(0).message()).contains(MALLORY);
        }

        @Test
        void custodiansAndUnwatchedActionsRaiseNothing() {
            AlertHarness h = new AlertHarness(policy);
            String admin = "arn:aws:iam::111122223333:role/KeyAdmin-ops";
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "tag", day(1), Action.TAG, K1,
                    Map.of("tag.a", "b")), by(admin, "disable", day(50), Action.DISABLE, K1),
                    by(admin, "schedule", day(51), Action.SCHEDULE_DESTRUCTION, K1));
            assertThat(h.stored()).isEmpty();
        }
    }

    @Nested
    class ChangeWindowsAndReferences {

        private final AnomalyPolicy.ChangeWindows officeHours = new AnomalyPolicy.ChangeWindows(true,
                ZoneId.of("Europe/Berlin"), List.of(new AnomalyPolicy.Window(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0))), AnomalyPolicy.WATCHED_CHANGES);

        private AnomalyPolicy policy(boolean references) {
            return with(p -> new AnomalyPolicy(p.prematureDestruction(), p.custodians(), officeHours,
                    new AnomalyPolicy.ChangeReference(references, List.of("change-ticket"), AnomalyPolicy.WATCHED_CHANGES),
                    p.burst(), p.keyPolicyLockout(), p.illegalTransition(), p.seenAfterDestruction(), p.auditGaps(),
                    p.rotationOverdue(), p.expiring(), p.repeatedFailures(), p.compromise()));
        }

        @Test
        void aDisableOnSaturdayNightAlerts() {
            AlertHarness h = new AlertHarness(policy(false));
            // T0 is Thursday 2026-01-15 10:00 in Berlin; 2026-01-17T22:00Z is Saturday 23:00.
            h.apply(by(ALICE, "create", T0, Action.CREATE, K1),
                    by(ALICE, "disable", Instant.parse("2026-01-17T22:00:00Z"), Action.DISABLE, K1));
            assertThat(h.rules()).containsExactly(Rule.OUTSIDE_CHANGE_WINDOW);
            assertThat(h.stored().get(0).message()).contains("SATURDAY 23:00 Europe/Berlin");
        }

        @Test
        void changesInsideTheWindowRaiseNothing() {
            AlertHarness h = new AlertHarness(policy(false));
            h.apply(by(ALICE, "create", T0, Action.CREATE, K1),
                    by(ALICE, "disable", Instant.parse("2026-01-16T15:59:00Z"), Action.DISABLE, K1));
            assertThat(h.stored()).isEmpty();
        }

        @Test
        void aChangeWithoutReferenceAlertsAndEachKindOfReferenceSatisfiesTheRule() {
            AlertHarness h = new AlertHarness(policy(true));
            h.apply(by(ALICE, "create", T0, Action.CREATE, K1), by(ALICE, "create2", T0, Action.CREATE, K2),
                    by(ALICE, "d1", T0.plusSeconds(60), Action.DISABLE, K1),
                    by(ALICE, "e1", T0.plusSeconds(120), Action.ENABLE, K1, Map.of("changeReference", "CHG-1")),
                    by(ALICE, "d2", T0.plusSeconds(180), Action.DISABLE, K1, Map.of("tag.change-ticket", "CHG-2")),
                    by(ALICE, "tag", T0.plusSeconds(240), Action.TAG, K2, Map.of("tag.change-ticket", "CHG-3")),
                    by(ALICE, "d3", T0.plusSeconds(300), Action.DISABLE, K2));
            assertThat(h.stored()).extracting(Alert::rule, Alert::eventIds)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.MISSING_CHANGE_REFERENCE, List.of("aws:d1")));
        }
    }

    @Nested
    class Burst {

        private List<KeyEvent> schedules(int n, String prefix) {
            List<KeyEvent> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(by(ALICE, prefix + i, T0.plusSeconds(30L * i), Action.SCHEDULE_DESTRUCTION, awsKey(prefix + i)));
            }
            return out;
        }

        @Test
        void fiveDestructiveActionsWithinTenMinutesAlertOnceEvenWhenMoreFollow() {
            List<KeyEvent> burst = schedules(8, "k");
            h.inventory.apply(burst);
            h.inventory.apply(burst);
            assertThat(h.rules()).containsExactly(Rule.DESTRUCTIVE_BURST);
            assertThat(h.stored().get(0).eventIds()).hasSize(5);
            assertThat(h.stored().get(0).keyId()).isEmpty();
        }

        @Test
        void fourWithinTheWindowOrFiveSpreadOverHoursRaiseNothing() {
            h.inventory.apply(schedules(4, "a"));
            for (int i = 0; i < 5; i++) {
                h.apply(by(ALICE, "s" + i, T0.plus(Duration.ofHours(1 + i)), Action.SCHEDULE_DESTRUCTION, awsKey("s" + i)));
            }
            assertThat(h.stored()).isEmpty();
        }
    }

    @Nested
    class RepeatedFailures {

        @Test
        void fiveFailedDestructiveCallsByOnePrincipalAlert() {
            for (int i = 0; i < 5; i++) {
                h.apply(failedBy(MALLORY, "f" + i, T0.plusSeconds(60L * i), Action.SCHEDULE_DESTRUCTION, awsKey("k" + i)));
            }
            assertThat(h.rules()).containsExactly(Rule.REPEATED_FAILURES);
            assertThat(h.stored().get(0).message()).contains(MALLORY).contains("possible probing");
        }

        @Test
        void failuresSpreadOverPrincipalsOrNonDestructiveCallsRaiseNothing() {
            for (int i = 0; i < 4; i++) {
                h.apply(failedBy(MALLORY, "m" + i, T0.plusSeconds(60L * i), Action.DISABLE, K1));
                h.apply(failedBy(ALICE, "a" + i, T0.plusSeconds(60L * i), Action.DISABLE, K1));
                h.apply(failedBy(MALLORY, "t" + i, T0.plusSeconds(60L * i), Action.TAG, K1));
            }
            assertThat(h.stored()).isEmpty();
        }
    }

    @Nested
    class PolicyLockoutTransitionsAndCompromise {

        @Test
        void aKeyPolicyThatRemovesTheAdministratorsAlerts() {
            h.apply(by(ALICE, "create", T0, Action.CREATE, K1),
                    by(ALICE, "p1", T0.plusSeconds(60), Action.KEY_POLICY, K1, Map.of("policy.lockoutRisk", "false")),
                    by(ALICE, "p2", T0.plusSeconds(120), Action.KEY_POLICY, K1),
                    by(ALICE, "p3", T0.plusSeconds(180), Action.KEY_POLICY, K1, Map.of("policy.lockoutRisk", "true")));
            assertThat(h.rules()).containsExactly(Rule.KEY_POLICY_LOCKOUT);
            assertThat(h.stored().get(0).severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void aKeyCreatedWithAPolicyAtRiskOrASweepFindingOneAlerts() {
            h.apply(by(ALICE, "create", T0, Action.CREATE, K1, Map.of("policy.lockoutRisk", "true")),
                    by(ALICE, "create2", T0, Action.CREATE, K2, Map.of("policy.lockoutRisk", "false")),
                    by("keyledger-sweep", "sweep:s1:" + K2.id(), T0.plusSeconds(600), Action.OBSERVE, K2,
                            Map.of("policy.lockoutRisk", "true", "observation", "FULL")),
                    by("keyledger-sweep", "sweep:s2:" + K2.id(), T0.plusSeconds(1200), Action.OBSERVE, K2,
                            Map.of("policy.lockoutRisk", "true", "observation", "FULL")));
            assertThat(h.rules()).containsExactly(Rule.KEY_POLICY_LOCKOUT, Rule.KEY_POLICY_LOCKOUT);
            assertThat(h.stored()).extracting(a -> a.keyId().orElseThrow()).containsExactlyInAnyOrder(K1.id(), K2.id());
            assertThat(h.stored()).anySatisfy(a -> assertThat(a.message()).contains("a sweep at"));
        }

        @Test
        void enablingADestroyedKeyIsAnIllegalTransition() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "destroy", day(60), Action.DESTROY, K1),
                    by(ALICE, "enable", day(61), Action.ENABLE, K1));
            assertThat(h.rules()).containsExactly(Rule.ILLEGAL_TRANSITION);
            assertThat(h.stored().get(0).message()).contains("ILLEGAL_TRANSITION");
        }

        @Test
        void aTagAfterDestructionIsAKeySeenAgainButALateTagFromBeforeIsNot() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "destroy", day(60), Action.DESTROY, K1),
                    by(ALICE, "late", day(30), Action.TAG, K1, Map.of("tag.a", "1")));
            assertThat(h.stored()).isEmpty();
            h.apply(by(ALICE, "after", day(61), Action.TAG, K1, Map.of("tag.a", "2")));
            assertThat(h.rules()).containsExactly(Rule.SEEN_AFTER_DESTRUCTION);
        }

        @Test
        void aDeclaredCompromiseAlerts() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1),
                    by("local:auditor", "declare", day(5), Action.DECLARE_COMPROMISE, K1));
            assertThat(h.rules()).containsExactly(Rule.COMPROMISE_DECLARED);
        }
    }

    @Nested
    class SweepsAndReviews {

        private SweepReport report(List<SweptKey> keys) {
            return new SweepReport("s1", TENANT, new SweepScope(io.keyledger.core.key.Provider.AWS, "111122223333",
                    "us-east-1"), T0, T0, Optional.empty(), keys, 0, 1, 0);
        }

        @Test
        void untrackedAndMissingKeysAreAuditGapsAlertedOnce() {
            SweepReport r = report(List.of(new SweptKey("a", KeyClass.UNTRACKED, false, List.of()),
                    new SweptKey("b", KeyClass.MISSING, false, List.of()),
                    new SweptKey("c", KeyClass.CONFIRMED, false, List.of()),
                    new SweptKey("d", KeyClass.DRIFTED, false, List.of("state"))));
            h.alerts.onSweep(r);
            h.alerts.onSweep(r);
            assertThat(h.rules()).containsExactlyInAnyOrder(Rule.UNTRACKED_KEY, Rule.DESTRUCTION_NOT_OBSERVED);
            assertThat(h.sent).hasSize(2);
        }

        @Test
        void aCleanSweepRaisesNothing() {
            h.alerts.onSweep(report(List.of(new SweptKey("c", KeyClass.CONFIRMED, false, List.of()))));
            assertThat(h.stored()).isEmpty();
        }

        @Test
        void reviewFindsOverdueRotationAndExpiringMaterialOnceAndAgainAfterANewDate() {
            h.clock.set(day(400));
            h.apply(by(ALICE, "old", day(0), Action.CREATE, K1),
                    by(ALICE, "imp", day(390), Action.CREATE, K2, Map.of("origin", "IMPORTED",
                            "expiresAt", day(410).toString())));
            h.alerts.review(TENANT);
            h.alerts.review(TENANT);
            assertThat(h.rules()).containsExactlyInAnyOrder(Rule.ROTATION_OVERDUE, Rule.EXPIRING);
            assertThat(h.stored()).filteredOn(a -> a.rule() == Rule.EXPIRING).first()
                    .satisfies(a -> assertThat(a.message()).startsWith("imported key material of"));
            h.apply(by(ALICE, "rot", day(401), Action.ROTATE, K1));
            h.clock.set(day(401 + 366));
            h.alerts.review(TENANT);
            assertThat(h.stored()).filteredOn(a -> a.rule() == Rule.ROTATION_OVERDUE && a.keyId().equals(Optional.of(K1.id())))
                    .hasSize(2);
        }

        @Test
        void reviewOfRecentlyRotatedAndFarFromExpiryKeysRaisesNothing() {
            h.clock.set(day(400));
            h.apply(by(ALICE, "c1", day(0), Action.CREATE, K1), by(ALICE, "r1", day(390), Action.ROTATE, K1),
                    by(ALICE, "c2", day(399), Action.CREATE, K2, Map.of("expiresAt", day(500).toString())),
                    by(ALICE, "c3", day(0), Action.CREATE, awsKey("gone")),
                    by(ALICE, "d3", day(100), Action.DESTROY, awsKey("gone")));
            h.alerts.review(TENANT);
            assertThat(h.stored()).isEmpty();
        }
    }

    @Nested
    class AcknowledgementAndSinks {

        @Test
        void acknowledgingIsConditionalAndLedgered() {
            h.apply(by(ALICE, "create", day(0), Action.CREATE, K1), by(ALICE, "declare", day(1), Action.DECLARE_COMPROMISE, K1));
            String id = h.stored().get(0).id();
            assertThat(h.alerts.acknowledge(TENANT, id, "local:bob")).isInstanceOf(AlertService.Acknowledgement.Acknowledged.class);
            assertThat(h.alerts.acknowledge(TENANT, id, "local:eve"))
                    .isInstanceOf(AlertService.Acknowledgement.AlreadyAcknowledged.class);
            assertThat(h.alerts.acknowledge(TENANT, "al-nope", "local:bob"))
                    .isInstanceOf(AlertService.Acknowledgement.NotFound.class);
            Alert a = h.store.alert(TENANT, id).orElseThrow();
            assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(a.acknowledgedBy()).contains("local:bob");
            List<LedgerEntryType> types = h.store.ledger(TENANT, 1, Optional.empty(), false,
                    PageRequest.first(1000)).items().stream().map(LedgerRecord::type).toList();
            assertThat(types).containsSubsequence(LedgerEntryType.ALERT_RAISED, LedgerEntryType.ALERT_ACKNOWLEDGED);
            assertThat(types).filteredOn(t -> t == LedgerEntryType.ALERT_ACKNOWLEDGED).hasSize(1);
            assertThat(new LedgerVerifier(h.store).verify(TENANT).intact()).isTrue();
        }

        @Test
        void aFailingSinkNeverFailsIngestAndIsCounted() {
            AlertHarness base = new AlertHarness(AnomalyPolicy.DEFAULT);
            AlertSink broken = new AlertSink() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public void send(Alert alert) throws IOException {
                    throw new IOException("connection refused");
                }
            };
            CoreServices services = CoreServices.of(base.store, base.clock, CoreSettings.DEFAULTS
                    .withTenants(TenantResolver.single(TENANT)).withAlertSinks(List.of(broken)));
            AlertDispatcher dispatcher = services.alerts().dispatcher();
            var result = services.inventory().apply(List.of(by(ALICE, "c", day(0), Action.CREATE, K1),
                    by(ALICE, "x", day(1), Action.DECLARE_COMPROMISE, K1)));
            assertThat(result.applied()).isEqualTo(2);
            assertThat(base.stored()).hasSize(1);
            assertThat(dispatcher.failures()).containsEntry("broken", 1L);
        }
    }
}
