package io.keyledger.azure.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.event.Action;
import java.util.Locale;
import java.util.Optional;

/**
 * Activity Log (Administrative) operations on Key Vault resources through Azure Resource Manager, and
 * what each becomes. Only Resource Manager's key resource ({@code vaults/keys}, as Bicep, ARM templates
 * and Terraform's azapi use it) names a key; everything else there is vault-level.
 */
public enum ActivityOperation {
    KEY_WRITE("MICROSOFT.KEYVAULT/VAULTS/KEYS/WRITE", Handling.CHANGE, Action.METADATA,
            "history entry; a key first seen so is recorded ACTIVE. Resource Manager creates the key's first version or leaves an existing key as it is (templates are deployed again and again), so no state is set; the data-plane KeyCreate it causes is in the AuditEvent log"),
    HSM_KEY_WRITE("MICROSOFT.KEYVAULT/MANAGEDHSMS/KEYS/WRITE", Handling.CHANGE, Action.METADATA, "as above, Managed HSM"),
    READ("*/READ", Handling.IGNORED, null, "a read"),
    OTHER_KEY("MICROSOFT.KEYVAULT/*/KEYS/*", Handling.CHANGE, Action.UNCLASSIFIED,
            "another operation on a key resource: history entry, no state change"),
    VAULT("MICROSOFT.KEYVAULT/*", Handling.IGNORED, null,
            "vault-level (VAULTS/WRITE, VAULTS/DELETE, VAULTS/ACCESSPOLICIES/WRITE, ...): names no key; a deleted vault's keys show in its next sweep"),
    OTHER("*", Handling.IGNORED, null, "another resource provider's operation");

    private final String pattern;
    private final Handling handling;
    private final Action action;
    private final String effect;

    ActivityOperation(String pattern, Handling handling, Action action, String effect) {
        this.pattern = pattern;
        this.handling = handling;
        this.action = action;
        this.effect = effect;
    }

    public static ActivityOperation of(String operationName) {
        String op = operationName.trim().toUpperCase(Locale.ROOT);
        if (op.equals(KEY_WRITE.pattern)) {
            return KEY_WRITE;
        }
        if (op.equals(HSM_KEY_WRITE.pattern)) {
            return HSM_KEY_WRITE;
        }
        if (op.endsWith("/READ")) {
            return READ;
        }
        if (op.startsWith("MICROSOFT.KEYVAULT/")) {
            return op.contains("/KEYS/") ? OTHER_KEY : VAULT;
        }
        return OTHER;
    }

    public Handling handling() {
        return handling;
    }

    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    /** What becomes of the record, or why it is ignored. */
    public String effect() {
        return effect;
    }

    /** The row of the operations table in docs/providers/azure.md. */
    public Mapping<String> mapping() {
        return new Mapping<>(pattern, action == null ? "Ignored" : action.name(), effect);
    }
}
