package io.keyledger.core.report;

import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One key against the tenant's maximum cryptoperiod: the {@code rotation-overdue} rule's setting of the
 * anomaly policy ({@link AnomalyPolicy.Rotation#maxCryptoperiod()}), measured as that rule measures it,
 * from the last rotation, else the creation, else the activation. So a key this check finds overdue is
 * one the rule alerts on, and the other way round, except where the provider cannot rotate the key:
 * those are listed apart, with the date by which they must be replaced instead.
 *
 * @param since          the date the cryptoperiod runs from
 * @param basis          which date that is ("lastRotatedAt", "createdAt", "activatedAt")
 * @param dueAt          when the cryptoperiod ends
 * @param pastCryptoperiod whether {@code dueAt} has passed
 */
public record RotationCheck(Status status, Optional<Instant> since, Optional<String> basis, Optional<Instant> dueAt,
                            Optional<Duration> age, boolean pastCryptoperiod, String reason) {

    public enum Status {
        /** Rotated (or created) within the maximum cryptoperiod. */
        COMPLIANT,
        /** Past the maximum cryptoperiod: the rotation-overdue rule alerts on it. */
        OVERDUE,
        /** The provider cannot rotate this key (or rotates it itself): replace it to end its cryptoperiod. */
        NOT_ROTATABLE,
        /** Not in use (not ACTIVE): no rotation is expected. */
        NOT_IN_USE,
        /** No creation, activation or rotation date is known. */
        UNKNOWN
    }

    public RotationCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(reason, "reason");
    }

    public static RotationCheck of(CryptoAsset key, AnomalyPolicy.Rotation rule, Instant now) {
        Duration max = rule.maxCryptoperiod();
        Optional<String> basis = key.dates().lastRotatedAt().map(d -> "lastRotatedAt")
                .or(() -> key.dates().createdAt().map(d -> "createdAt"))
                .or(() -> key.dates().activatedAt().map(d -> "activatedAt"));
        Optional<Instant> since = key.dates().lastRotatedAt().or(() -> key.dates().createdAt())
                .or(() -> key.dates().activatedAt());
        Optional<Instant> due = since.map(s -> s.plus(max));
        Optional<Duration> age = since.map(s -> Duration.between(s, now));
        boolean past = due.map(d -> !now.isBefore(d)).orElse(false);

        if (key.state() != LifecycleState.ACTIVE) {
            return new RotationCheck(Status.NOT_IN_USE, since, basis, due, age, past,
                    "state " + key.state() + ": only active keys are rotated");
        }
        Optional<String> notRotatable = notRotatable(key);
        if (notRotatable.isPresent()) {
            String reason = notRotatable.get() + (past ? "; past the maximum cryptoperiod " + max
                    + " since " + since.get() + ": replace the key" : due.map(d -> "; replace it by " + d).orElse(""));
            return new RotationCheck(Status.NOT_ROTATABLE, since, basis, due, age, past, reason);
        }
        if (since.isEmpty()) {
            return new RotationCheck(Status.UNKNOWN, since, basis, due, age, false,
                    "no creation, activation or rotation date known");
        }
        String what = basis.get().equals("lastRotatedAt") ? "last rotated " : "never rotated, created ";
        if (past) {
            return new RotationCheck(Status.OVERDUE, since, basis, due, age, true,
                    what + since.get() + ": past the maximum cryptoperiod " + max + " (due " + due.get() + ")");
        }
        return new RotationCheck(Status.COMPLIANT, since, basis, due, age, false,
                what + since.get() + ": within the maximum cryptoperiod " + max + " (due " + due.get() + ")");
    }

    /**
     * Why the key cannot be rotated in place, if it cannot. AWS KMS rotates (automatically, or on demand)
     * only symmetric encryption keys outside custom key stores, and multi-Region keys only if AWS generated
     * their key material; provider-managed keys are rotated by the provider on its own schedule.
     */
    static Optional<String> notRotatable(CryptoAsset key) {
        if (key.manager() == KeyManager.PROVIDER) {
            return Optional.of("provider-managed: rotated by the provider on its own schedule");
        }
        if (key.provider() == Provider.AWS) {
            if (key.kind() == KeyKind.ASYMMETRIC || key.kind() == KeyKind.HMAC) {
                return Optional.of("AWS KMS cannot rotate " + key.kind().name().toLowerCase(Locale.ROOT) + " keys");
            }
            if (key.keyStore().isPresent() || key.origin() == KeyOrigin.EXTERNAL) {
                return Optional.of("AWS KMS cannot rotate keys in a custom key store");
            }
            if (key.origin() == KeyOrigin.IMPORTED && key.multiRegion()) {
                return Optional.of("AWS KMS cannot rotate multi-Region keys with imported key material");
            }
        }
        return Optional.empty();
    }
}
