package io.keyledger.core.alert;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that one applied event decides on its own, without looking at other events. Each alert's
 * condition is the key and the event's dedup key, so a redelivery finds the same condition.
 */
final class EventRules {

    private static final Set<Action> PREMATURE = Set.of(Action.DISABLE, Action.SCHEDULE_DESTRUCTION, Action.DESTROY);
    /** Actions that may legitimately concern a destroyed key's retained record. */
    private static final Set<Action> AFTER_DESTRUCTION_EXPECTED = Set.of(Action.DESTROY, Action.DECLARE_COMPROMISE,
            Action.ANNOTATE);

    private final String tenant;
    private final AnomalyPolicy policy;
    private final AppliedEvent applied;
    private final KeyEvent event;
    private final Instant raisedAt;
    private final List<Alert> out = new ArrayList<>();

    private EventRules(String tenant, AnomalyPolicy policy, AppliedEvent applied, Instant raisedAt) {
        this.tenant = tenant;
        this.policy = policy;
        this.applied = applied;
        this.event = applied.event();
        this.raisedAt = raisedAt;
    }

    static List<Alert> evaluate(String tenant, AnomalyPolicy policy, AppliedEvent applied, Instant raisedAt) {
        if (quietUse(policy, applied)) {
            return List.of();
        }
        EventRules r = new EventRules(tenant, policy, applied, raisedAt);
        if (applied.event().succeeded()) {
            r.prematureDestruction();
            r.unauthorisedChange();
            r.outsideChangeWindow();
            r.missingChangeReference();
            r.keyPolicyLockout();
            r.illegalTransition();
            r.seenAfterDestruction();
            r.compromiseDeclared();
        }
        return r.out;
    }

    /**
     * Whether a change took the key out of use while it was in use, judged again on uses that arrived after the
     * change was applied: the rule asks whether the key was used, whenever that use is delivered.
     */
    static List<Alert> prematureDestruction(String tenant, AnomalyPolicy policy, AppliedEvent applied,
                                            Instant raisedAt) {
        EventRules r = new EventRules(tenant, policy, applied, raisedAt);
        if (applied.event().succeeded()) {
            r.prematureDestruction();
        }
        return r.out;
    }

    /** Whether an action takes a key out of use, so that the premature-destruction rule judges it. */
    static boolean takesOutOfUse(Action action) {
        return PREMATURE.contains(action);
    }

    /**
     * A cryptographic use of a key that is not destroyed, under a policy that watches no use: no rule can fire.
     * Said at once, as uses are most of what is ingested.
     */
    static boolean quietUse(AnomalyPolicy policy, AppliedEvent applied) {
        KeyEvent event = applied.event();
        return event.action() == Action.USE && event.succeeded() && applied.before().filter(b -> b.state().isDestroyed()).isEmpty()
                && applied.flag().isEmpty() && !watchesUses(policy);
    }

    /** Whether a rule of the policy looks at cryptographic uses as changes. */
    static boolean watchesUses(AnomalyPolicy policy) {
        return policy.custodians().actions().contains(Action.USE) || policy.changeWindows().actions().contains(Action.USE)
                || policy.changeReference().actions().contains(Action.USE);
    }

    private void raise(Rule rule, String message) {
        String keyId = event.key().id();
        out.add(Alert.open(tenant, rule, Optional.of(keyId), List.of(event.dedupKey()), message,
                keyId + ":" + event.dedupKey(), raisedAt));
    }

    private String change() {
        return event.action() + " of " + event.key().id() + " by " + event.actor().principal() + " at "
                + event.eventTime();
    }

    private void prematureDestruction() {
        AnomalyPolicy.PrematureDestruction p = policy.prematureDestruction();
        if (!p.enabled() || !PREMATURE.contains(event.action()) || !applied.byPrincipal() || applied.asset().isEmpty()) {
            return;
        }
        UsageContext usage = applied.asset().get().usageContext();
        Instant since = event.eventTime().minus(p.recentUse());
        // A use later than the change also counts: the key was still needed when it was taken away.
        boolean recentlyUsed = usage.lastUsedAt().filter(at -> !at.isBefore(since)).isPresent();
        boolean ai = p.aiKeys() && usage.aiUsage();
        if (!recentlyUsed && !ai) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (recentlyUsed) {
            why.add("last used " + usage.lastUsedAt().get() + usage.lastUsedBy().map(b -> " by " + b).orElse("")
                    + " (within " + p.recentUse() + ")");
        }
        if (ai) {
            why.add("protects AI services " + (usage.aiServices().isEmpty() ? usage.aiCategories() : usage.aiServices()));
        }
        if (!usage.protects().isEmpty()) {
            // What the key protects is what a person must check before taking it away.
            why.add("protects " + String.join(", ", usage.protects().names())
                    + (usage.protects().unnamed() > 0 ? " and " + (usage.protects().exact() ? "" : "about ")
                    + usage.protects().unnamed() + " more" : ""));
        }
        raise(Rule.PREMATURE_DESTRUCTION, change() + " while the key is in use: " + String.join("; ", why));
    }

    private void unauthorisedChange() {
        AnomalyPolicy.Custodians c = policy.custodians();
        if (!c.enabled() || c.principals().isEmpty() || !c.actions().contains(event.action()) || !applied.byPrincipal()
                || c.isCustodian(event.actor().principal())) {
            return;
        }
        raise(Rule.UNAUTHORISED_CHANGE, change() + ": not one of the tenant's key custodians");
    }

    private void outsideChangeWindow() {
        AnomalyPolicy.ChangeWindows w = policy.changeWindows();
        if (!w.enabled() || w.windows().isEmpty() || !w.actions().contains(event.action()) || !applied.byPrincipal()
                || w.inside(event.eventTime())) {
            return;
        }
        raise(Rule.OUTSIDE_CHANGE_WINDOW, change() + ": outside the tenant's change windows ("
                + event.eventTime().atZone(w.zone()).getDayOfWeek() + " " + event.eventTime().atZone(w.zone())
                .toLocalTime() + " " + w.zone() + ")");
    }

    private void missingChangeReference() {
        AnomalyPolicy.ChangeReference r = policy.changeReference();
        if (!r.enabled() || !r.actions().contains(event.action()) || !applied.byPrincipal() || hasChangeReference(r)) {
            return;
        }
        raise(Rule.MISSING_CHANGE_REFERENCE, change() + ": no change reference (attribute "
                + KeyAttribute.CHANGE_REFERENCE.wireName() + ", tag " + String.join(" or ", r.tags())
                + ", or an annotation on the key)");
    }

    private boolean hasChangeReference(AnomalyPolicy.ChangeReference r) {
        if (event.attribute(KeyAttribute.CHANGE_REFERENCE).filter(v -> !v.isBlank()).isPresent()) {
            return true;
        }
        for (String tag : r.tags()) {
            if (event.attributes().containsKey(KeyAttribute.TAG_PREFIX + tag)) {
                return true;
            }
        }
        Optional<CryptoAsset> key = applied.asset();
        return key.isPresent() && (key.get().regulatory().changeReference().isPresent()
                || r.tags().stream().anyMatch(key.get().tags()::containsKey));
    }

    /**
     * A key policy set (PutKeyPolicy, or CreateKey with a policy) that leaves the account's administrators
     * unable to manage the key, or a sweep that finds such a policy on a key that had none before.
     */
    private void keyPolicyLockout() {
        if (!policy.keyPolicyLockout().enabled()) {
            return;
        }
        boolean told = (event.action() == Action.KEY_POLICY || event.action() == Action.CREATE)
                && event.attribute(KeyAttribute.POLICY_LOCKOUT_RISK).map(Boolean::parseBoolean).orElse(false);
        boolean found = event.action() == Action.OBSERVE && atRisk(applied.asset()) && !atRisk(applied.before());
        if (told) {
            raise(Rule.KEY_POLICY_LOCKOUT, change() + ": the new key policy removes the account's own administrators;"
                    + " nobody may be able to manage the key any more");
        } else if (found) {
            raise(Rule.KEY_POLICY_LOCKOUT, "a sweep at " + event.eventTime() + " found that the key policy of "
                    + event.key().id() + " lets none of the account's administrators manage the key");
        }
    }

    private static boolean atRisk(Optional<CryptoAsset> key) {
        return key.flatMap(k -> k.access().policyLockoutRisk()).orElse(false);
    }

    private void illegalTransition() {
        if (policy.illegalTransition().enabled() && applied.flag().isPresent()) {
            raise(Rule.ILLEGAL_TRANSITION, change() + ": " + applied.flag().get());
        }
    }

    private void seenAfterDestruction() {
        if (!policy.seenAfterDestruction().enabled() || applied.flag().isPresent() || applied.before().isEmpty()
                || AFTER_DESTRUCTION_EXPECTED.contains(event.action())) {
            return;
        }
        CryptoAsset before = applied.before().get();
        // Compared by event time: an event from before the destruction that merely arrives late is history.
        boolean afterDestruction = before.state().isDestroyed()
                && before.dates().destroyedAt().filter(event.eventTime()::isAfter).isPresent();
        if (afterDestruction) {
            raise(Rule.SEEN_AFTER_DESTRUCTION, change() + ": the key was destroyed at "
                    + before.dates().destroyedAt().get() + " and is seen again");
        }
    }

    private void compromiseDeclared() {
        if (policy.compromise().enabled() && event.action() == Action.DECLARE_COMPROMISE) {
            raise(Rule.COMPROMISE_DECLARED, "compromise of " + event.key().id() + " declared by "
                    + event.actor().principal() + " at " + event.eventTime());
        }
    }
}
