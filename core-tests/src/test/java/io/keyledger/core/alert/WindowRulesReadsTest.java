package io.keyledger.core.alert;

import static io.keyledger.core.alert.AlertHarness.ALICE;
import static io.keyledger.core.alert.AlertHarness.TENANT;
import static io.keyledger.core.alert.AlertHarness.by;
import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.store.EventStore;
import io.keyledger.testkit.CallsTo;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The windowed rules ask for a period's destructive events only if there are enough of them to reach the rule's
 * threshold, so that a store that can count them first (SQLite) reads none in a quiet period; and not again once the
 * period's alert is stored, so that a burst is not read once per event of it.
 */
class WindowRulesReadsTest {

    private final InMemoryInventoryStore memory = new InMemoryInventoryStore(MutableClock.at("2026-03-01T00:00:00Z"));
    private final List<String> calls = new ArrayList<>();
    private final WindowRules rules = new WindowRules(counting(memory), memory);

    /** The events of {@code store}, with the name of every call written down. */
    private EventStore counting(EventStore store) {
        return CallsTo.watched(EventStore.class, store,
                (method, args) -> calls.add(method.getName() + (args != null && args.length == 5 ? " " + args[4] : "")));
    }

    /** Disables {@code n} keys a minute apart, each stored as the rules see it after it is applied. */
    private List<KeyEvent> disables(int n) {
        List<KeyEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyEvent e = by(ALICE, "d" + i, T0.plusSeconds(60L * i), Action.DISABLE, awsKey("k" + i));
            memory.insertEvent(stored(TENANT, e, Optional.empty()));
            out.add(e);
        }
        return out;
    }

    private List<Alert> judge(KeyEvent e) {
        return rules.evaluate(TENANT, AnomalyPolicy.DEFAULT, new AppliedEvent(e, Optional.empty(), Optional.empty(),
                Optional.empty()), T0.plusSeconds(3600));
    }

    @Test
    void aPeriodUnderTheBurstThresholdIsAskedForWithTheThresholdAndRaisesNothing() {
        List<KeyEvent> four = disables(AnomalyPolicy.DEFAULT.burst().count() - 1);

        assertThat(judge(four.get(3))).isEmpty();
        assertThat(calls).containsExactly("recentEventsIfAtLeast " + AnomalyPolicy.DEFAULT.burst().count());
    }

    @Test
    void aPeriodThatReachesTheThresholdRaisesTheBurst() {
        List<KeyEvent> five = disables(AnomalyPolicy.DEFAULT.burst().count());

        assertThat(judge(five.get(4))).extracting(Alert::rule).containsExactly(Rule.DESTRUCTIVE_BURST);
        assertThat(calls).containsExactly("recentEventsIfAtLeast " + AnomalyPolicy.DEFAULT.burst().count());
    }

    @Test
    void aPeriodWhoseAlertIsStoredIsNotReadAgainForItsLaterEvents() {
        List<KeyEvent> eight = disables(AnomalyPolicy.DEFAULT.burst().count() + 3);
        List<Alert> raised = judge(eight.get(4));
        assertThat(memory.insertAlert(raised.get(0))).isTrue();
        calls.clear();

        assertThat(judge(eight.get(5))).isEmpty();
        assertThat(judge(eight.get(7))).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void aPeriodWhoseAlertWasNotKeptIsReadAgainAndRaisesItAgain() {
        List<KeyEvent> six = disables(AnomalyPolicy.DEFAULT.burst().count() + 1);
        Alert first = judge(six.get(4)).get(0); // raised, then taken back with its batch: never stored
        calls.clear();

        assertThat(judge(six.get(5))).extracting(Alert::id).containsExactly(first.id());
        assertThat(calls).containsExactly("recentEventsIfAtLeast " + AnomalyPolicy.DEFAULT.burst().count());
    }

    @Test
    void repeatedFailuresOfAPrincipalWhoseAlertIsStoredAreNotReadAgain() {
        int count = AnomalyPolicy.DEFAULT.repeatedFailures().count();
        List<KeyEvent> failures = new ArrayList<>();
        for (int i = 0; i < count + 2; i++) {
            KeyEvent e = AlertHarness.failedBy(ALICE, "f" + i, T0.plusSeconds(10L * i), Action.SCHEDULE_DESTRUCTION,
                    awsKey("k" + i));
            memory.insertEvent(stored(TENANT, e, Optional.empty()));
            failures.add(e);
        }
        List<Alert> raised = judge(failures.get(count - 1));
        assertThat(raised).extracting(Alert::rule).containsExactly(Rule.REPEATED_FAILURES);
        assertThat(memory.insertAlert(raised.get(0))).isTrue();
        calls.clear();

        assertThat(judge(failures.get(count + 1))).isEmpty();
        assertThat(calls).isEmpty();
    }
}
