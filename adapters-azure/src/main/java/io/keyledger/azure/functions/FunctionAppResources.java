package io.keyledger.azure.functions;

import com.azure.storage.queue.QueueClient;
import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.auth.SigningKeys;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the functions of one function app instance share: its settings, clock, inventory store, alert
 * sinks, and for the sweep functions the vaults to sweep with their key sources and the sweep queue's
 * client. Built once per instance; a function asks only for the parts it uses, so a production
 * implementation builds each part (and its SDK client) on first request, which happens while the
 * functions are built when the instance starts, never while an invocation is handled, and never with
 * network I/O.
 *
 * <p>{@link AzureFunctionAppResources} is the production implementation; tests and harnesses pass their own
 * through {@link #of} and {@link KeyLedgerAzureConfiguration#overrideResources}.
 */
public interface FunctionAppResources {

    FunctionAppSettings settings();

    Clock clock();

    InventoryStore store();

    /** Where raised alerts go beside the store. */
    List<AlertSink> alertSinks();

    /**
     * The vaults to sweep and each one's key source.
     *
     * @throws SettingsException when the sweep's settings are missing
     */
    VaultScopes vaultScopes();

    /**
     * The client of the sweep queue ({@code KEYLEDGER_SWEEP_QUEUE}), which writes messages the way the queue
     * trigger reads them (base64).
     *
     * @throws SettingsException when the queue's settings are missing
     */
    QueueClient sweepQueue();

    /** Where the signing keys of the Entra ID issuer come from: discovered from the issuer at the first token. */
    default SigningKeys entraSigningKeys() {
        return SigningKeys.discovered();
    }

    /** Resources made of ready parts, for tests and harnesses; add the sweep's with {@link Fixed#withSweeps}. */
    static Fixed of(FunctionAppSettings settings, Clock clock, InventoryStore store, List<AlertSink> alertSinks) {
        return new Fixed(settings, clock, store, alertSinks, Optional.empty(), Optional.empty(), SigningKeys.discovered());
    }

    /** Ready parts; the sweep's are optional, for resources that serve no sweep. */
    record Fixed(FunctionAppSettings settings, Clock clock, InventoryStore store, List<AlertSink> alertSinks,
                 Optional<VaultScopes> scopes, Optional<QueueClient> queue, SigningKeys entraSigningKeys)
            implements FunctionAppResources {
        public Fixed {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(store, "store");
            alertSinks = List.copyOf(alertSinks);
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(entraSigningKeys, "entraSigningKeys");
        }

        /** The same parts with the sweep's. */
        public Fixed withSweeps(VaultScopes vaults, QueueClient sweepQueue) {
            return new Fixed(settings, clock, store, alertSinks, Optional.of(vaults), Optional.of(sweepQueue),
                    entraSigningKeys);
        }

        /** The same parts with the Entra ID issuer's keys from {@code keys} (fixed keys in tests). */
        public Fixed withEntraSigningKeys(SigningKeys keys) {
            return new Fixed(settings, clock, store, alertSinks, scopes, queue, keys);
        }

        @Override
        public VaultScopes vaultScopes() {
            return scopes.orElseThrow(() -> new IllegalStateException("these resources serve no sweep"));
        }

        @Override
        public QueueClient sweepQueue() {
            return queue.orElseThrow(() -> new IllegalStateException("these resources have no sweep queue"));
        }
    }
}
