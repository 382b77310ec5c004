package io.keyledger.core.alert;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.LifecycleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The time-based rules, evaluated over a tenant's inventory at a given instant: rotation overdue
 * against the maximum cryptoperiod, and keys (or their imported material) expiring soon. The
 * condition includes the date it is about, so a rotated key, or a new expiry, can alert again.
 */
final class InventoryReview {

    private InventoryReview() {
    }

    static List<Alert> review(AnomalyPolicy policy, CryptoAsset key, Instant now) {
        List<Alert> out = new ArrayList<>();
        rotationOverdue(policy.rotationOverdue(), key, now).ifPresent(out::add);
        expiring(policy.expiring(), key, now).ifPresent(out::add);
        return out;
    }

    private static Optional<Alert> rotationOverdue(AnomalyPolicy.Rotation rule, CryptoAsset key, Instant now) {
        // Only keys in use are rotated; provider-managed keys are rotated by the provider on its own schedule.
        if (!rule.enabled() || key.state() != LifecycleState.ACTIVE || key.manager() == KeyManager.PROVIDER) {
            return Optional.empty();
        }
        Optional<Instant> since = key.dates().lastRotatedAt().or(() -> key.dates().createdAt())
                .or(() -> key.dates().activatedAt());
        if (since.isEmpty() || now.isBefore(since.get().plus(rule.maxCryptoperiod()))) {
            return Optional.empty();
        }
        String what = key.dates().lastRotatedAt().isPresent() ? "last rotated " : "never rotated since its creation ";
        return Optional.of(Alert.open(key.tenant(), Rule.ROTATION_OVERDUE, Optional.of(key.id()), List.of(),
                key.id() + " " + what + since.get() + ": past the maximum cryptoperiod " + rule.maxCryptoperiod()
                        + " (due " + since.get().plus(rule.maxCryptoperiod()) + ")",
                key.id() + ":" + since.get(), now));
    }

    private static Optional<Alert> expiring(AnomalyPolicy.Expiring rule, CryptoAsset key, Instant now) {
        if (!rule.enabled() || key.state().isDestroyed() || key.dates().expiresAt().isEmpty()) {
            return Optional.empty();
        }
        Instant expiresAt = key.dates().expiresAt().get();
        if (expiresAt.isAfter(now.plus(rule.within()))) {
            return Optional.empty();
        }
        String what = key.origin() == KeyOrigin.IMPORTED ? "imported key material of " : "key ";
        String when = expiresAt.isAfter(now) ? " expires at " : " expired at ";
        return Optional.of(Alert.open(key.tenant(), Rule.EXPIRING, Optional.of(key.id()), List.of(),
                what + key.id() + when + expiresAt + " (warning " + rule.within() + " ahead)",
                key.id() + ":" + expiresAt, now));
    }
}
