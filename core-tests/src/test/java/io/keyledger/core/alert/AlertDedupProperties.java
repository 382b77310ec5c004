package io.keyledger.core.alert;

import static io.keyledger.core.alert.AlertHarness.by;
import static io.keyledger.core.alert.AlertHarness.failedBy;
import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Redelivery and reordering never duplicate an alert. For the rules whose condition does not depend
 * on what else has arrived (custodians, change windows, bursts, repeated failures, lock-out,
 * compromise), any delivery order, duplicates included, also raises the same set of alerts. The
 * change-reference rule is not among them: a reference annotated on the key counts for the changes
 * that arrive after it (see docs/ALERTS.md).
 */
class AlertDedupProperties {

    private static final List<String> PRINCIPALS = List.of("arn:aws:iam::111122223333:role/KeyAdmin",
            AlertHarness.ALICE, AlertHarness.MALLORY);
    private static final List<Action> ACTIONS = List.of(Action.DISABLE, Action.SCHEDULE_DESTRUCTION, Action.ENABLE,
            Action.KEY_POLICY, Action.TAG, Action.DECLARE_COMPROMISE);

    private static AnomalyPolicy policy(boolean changeReferences) {
        AnomalyPolicy d = AnomalyPolicy.DEFAULT;
        return new AnomalyPolicy(new AnomalyPolicy.PrematureDestruction(false, d.prematureDestruction().recentUse(), false),
                new AnomalyPolicy.Custodians(true, List.of("*role/KeyAdmin"), AnomalyPolicy.WATCHED_CHANGES),
                new AnomalyPolicy.ChangeWindows(true, java.time.ZoneOffset.UTC, List.of(new AnomalyPolicy.Window(
                        Set.of(java.time.DayOfWeek.values()), java.time.LocalTime.of(9, 0), java.time.LocalTime.of(10, 0))),
                        AnomalyPolicy.WATCHED_CHANGES),
                new AnomalyPolicy.ChangeReference(changeReferences, List.of("change-ticket"), AnomalyPolicy.WATCHED_CHANGES),
                new AnomalyPolicy.Windowed(true, 3, java.time.Duration.ofMinutes(10)), AnomalyPolicy.Toggle.ON,
                new AnomalyPolicy.Toggle(false), new AnomalyPolicy.Toggle(false), AnomalyPolicy.Toggle.ON,
                d.rotationOverdue(), d.expiring(), new AnomalyPolicy.Windowed(true, 2, java.time.Duration.ofMinutes(10)),
                AnomalyPolicy.Toggle.ON);
    }

    @Provide
    Arbitrary<List<KeyEvent>> streams() {
        Arbitrary<KeyEvent> one = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, ACTIONS.size() - 1), Arbitraries.integers().between(0, 120),
                Arbitraries.integers().between(0, 3), Arbitraries.strings().alpha().ofLength(8))
                .as((key, principal, action, minute, variant, id) -> {
                    var at = T0.plusSeconds(60L * minute);
                    var ref = awsKey("k" + key);
                    String who = PRINCIPALS.get(principal);
                    if (variant == 0) {
                        return failedBy(who, id, at, ACTIONS.get(action), ref);
                    }
                    Map<String, String> attrs = switch (variant) {
                        case 1 -> Map.of("changeReference", "CHG-" + id);
                        case 2 -> ACTIONS.get(action) == Action.KEY_POLICY ? Map.of("policy.lockoutRisk", "true") : Map.of();
                        default -> Map.of();
                    };
                    return by(who, id, at, ACTIONS.get(action), ref, attrs);
                });
        return one.list().ofMinSize(1).ofMaxSize(25).uniqueElements(KeyEvent::eventId);
    }

    @Property(tries = 40)
    void noDeliveryOrderOrRedeliveryDuplicatesAnAlert(@ForAll("streams") List<KeyEvent> stream, @ForAll long seed) {
        AlertHarness h = new AlertHarness(policy(true));
        for (KeyEvent e : shuffledWithRedeliveries(stream, seed)) {
            h.apply(e);
        }
        List<Alert> first = h.stored();
        h.inventory.apply(stream);
        List<Alert> stored = h.stored();
        assertThat(stored).extracting(Alert::dedupKey).doesNotHaveDuplicates();
        assertThat(stored).hasSameSizeAs(first);
        assertThat(h.sent).hasSameSizeAs(stored);
    }

    @Property(tries = 40)
    void anyOrderWithRedeliveriesRaisesTheSameAlertsOnce(@ForAll("streams") List<KeyEvent> stream,
                                                         @ForAll long seed) {
        AlertHarness inOrder = new AlertHarness(policy(false));
        inOrder.inventory.apply(stream);
        Set<String> expected = dedupKeys(inOrder);

        AlertHarness other = new AlertHarness(policy(false));
        for (KeyEvent e : shuffledWithRedeliveries(stream, seed)) {
            other.apply(e);
        }
        List<Alert> stored = other.stored();
        assertThat(stored).extracting(Alert::dedupKey).doesNotHaveDuplicates();
        assertThat(dedupKeys(other)).isEqualTo(expected);
        assertThat(other.sent).hasSameSizeAs(stored);
    }

    @Provide
    Arbitrary<List<KeyEvent>> livesWithUses() {
        List<Action> actions = List.of(Action.USE, Action.USE, Action.USE, Action.CREATE, Action.DISABLE,
                Action.ENABLE, Action.SCHEDULE_DESTRUCTION, Action.CANCEL_DESTRUCTION);
        Arbitrary<KeyEvent> one = Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, actions.size() - 1), Arbitraries.integers().between(0, 120),
                        Arbitraries.integers().between(0, 4), Arbitraries.strings().alpha().ofLength(8))
                .as((key, action, day, variant, id) -> {
                    var at = T0.plus(java.time.Duration.ofDays(day)).plusSeconds(variant);
                    Action a = actions.get(action);
                    String who = a == Action.USE ? "arn:aws:iam::111122223333:role/app" : AlertHarness.ALICE;
                    Map<String, String> attrs = variant == 0 && (a == Action.USE || a == Action.CREATE)
                            ? Map.of("usage.aiService", "bedrock.amazonaws.com") : Map.of();
                    return by(who, id, at, a, awsKey("k" + key), attrs);
                });
        return one.list().ofMinSize(1).ofMaxSize(30).uniqueElements(KeyEvent::eventId);
    }

    /**
     * Whether a change took a key out of use while it was in use does not depend on when its uses arrive: one
     * at a time in any order with redeliveries, or through one long run in batches, the same changes alert.
     */
    @Property(tries = 60)
    void prematureDestructionIsTheSameWhateverTheUsesArrivalOrder(@ForAll("livesWithUses") List<KeyEvent> stream,
                                                                 @ForAll long seed) {
        AlertHarness inOrder = new AlertHarness(AnomalyPolicy.DEFAULT);
        inOrder.inventory.apply(stream);
        Set<String> expected = prematureDestructions(inOrder);

        AlertHarness oneByOne = new AlertHarness(AnomalyPolicy.DEFAULT);
        for (KeyEvent e : shuffledWithRedeliveries(stream, seed)) {
            oneByOne.apply(e);
        }
        assertThat(prematureDestructions(oneByOne)).isEqualTo(expected);

        AlertHarness longRun = new AlertHarness(AnomalyPolicy.DEFAULT);
        List<KeyEvent> shuffled = shuffledWithRedeliveries(stream, seed + 1);
        try (var run = longRun.inventory.run()) {
            for (int from = 0; from < shuffled.size(); from += 4) {
                run.apply(shuffled.subList(from, Math.min(shuffled.size(), from + 4)));
            }
        }
        assertThat(prematureDestructions(longRun)).isEqualTo(expected);
        assertThat(longRun.stored()).extracting(Alert::dedupKey).doesNotHaveDuplicates();
        assertThat(longRun.sent).hasSameSizeAs(longRun.stored());
    }

    private static Set<String> prematureDestructions(AlertHarness h) {
        Set<String> out = new TreeSet<>();
        h.stored().stream().filter(a -> a.rule() == Rule.PREMATURE_DESTRUCTION).forEach(a -> out.add(a.dedupKey()));
        return out;
    }

    private static List<KeyEvent> shuffledWithRedeliveries(List<KeyEvent> stream, long seed) {
        List<KeyEvent> shuffled = new ArrayList<>(stream);
        Random random = new Random(seed);
        shuffled.addAll(stream.subList(0, random.nextInt(stream.size() + 1)));
        Collections.shuffle(shuffled, random);
        return shuffled;
    }

    private static Set<String> dedupKeys(AlertHarness h) {
        Set<String> out = new TreeSet<>();
        h.stored().forEach(a -> out.add(a.dedupKey()));
        return out;
    }
}
