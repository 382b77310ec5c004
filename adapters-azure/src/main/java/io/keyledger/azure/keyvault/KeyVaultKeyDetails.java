package io.keyledger.azure.keyvault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Key Vault said of a key, as the key source read it, for the sweep's caller. All but {@code exportable} also
 * reach the inventory through {@code VaultKeyObservation} (docs/azure/SWEEPS.md).
 *
 * @param recoveryLevel   the deletion recovery level ({@code Recoverable+Purgeable}, {@code CustomizedRecoverable}...)
 * @param recoverableDays how long a deleted key stays recoverable
 * @param updated         when the current version's attributes last changed
 * @param managed         whether the key backs a certificate (its lifetime is the certificate's)
 * @param exportable      whether the key may be exported (secure key release)
 * @param deleted         when it was soft-deleted, for a deleted key
 * @param scheduledPurge  when a deleted key will be purged
 * @param accessModel     how the vault authorises the data plane
 */
public record KeyVaultKeyDetails(String keyId, Optional<String> recoveryLevel, Optional<Integer> recoverableDays,
                                 Optional<Instant> updated, boolean managed, Optional<Boolean> exportable,
                                 Optional<Instant> deleted, Optional<Instant> scheduledPurge,
                                 VaultAccessModel accessModel) {

    public KeyVaultKeyDetails {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(recoveryLevel, "recoveryLevel");
        Objects.requireNonNull(recoverableDays, "recoverableDays");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(exportable, "exportable");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(scheduledPurge, "scheduledPurge");
        Objects.requireNonNull(accessModel, "accessModel");
    }
}
