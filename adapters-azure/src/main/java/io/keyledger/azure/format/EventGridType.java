package io.keyledger.azure.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.event.Action;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Key Vault event types of Event Grid (in both the Event Grid schema and CloudEvents 1.0), and
 * what each becomes. Event Grid carries only new-version, expiry and access-policy events: disable,
 * delete, purge and recover appear only in the AuditEvent logs.
 */
public enum EventGridType {
    KEY_NEW_VERSION_CREATED("Microsoft.KeyVault.KeyNewVersionCreated", Handling.CHANGE, Action.ROTATE, false,
            "version from data.Version; ACTIVE, nativeState enabled (PRE_ACTIVATION if NBF is in the future); notBefore, expiresAt from NBF, EXP"),
    KEY_NEAR_EXPIRY("Microsoft.KeyVault.KeyNearExpiry", Handling.CHANGE, Action.METADATA, false,
            "expiresAt from EXP (notBefore from NBF); no state change"),
    KEY_EXPIRED("Microsoft.KeyVault.KeyExpired", Handling.CHANGE, Action.METADATA, false,
            "DEACTIVATED, nativeState expired; expiresAt from EXP"),
    CERTIFICATE_NEW_VERSION_CREATED("Microsoft.KeyVault.CertificateNewVersionCreated", Handling.CHANGE,
            Action.ROTATE, true, "on the backing key keys/<name>: a new version, ACTIVE"),
    CERTIFICATE_NEAR_EXPIRY("Microsoft.KeyVault.CertificateNearExpiry", Handling.IGNORED, null, false,
            "a certificate's validity; its backing key's own expiry comes from the sweep"),
    CERTIFICATE_EXPIRED("Microsoft.KeyVault.CertificateExpired", Handling.IGNORED, null, false,
            "a certificate's validity"),
    SECRET_NEW_VERSION_CREATED("Microsoft.KeyVault.SecretNewVersionCreated", Handling.IGNORED, null, false,
            "a secret is not a key"),
    SECRET_NEAR_EXPIRY("Microsoft.KeyVault.SecretNearExpiry", Handling.IGNORED, null, false, "a secret is not a key"),
    SECRET_EXPIRED("Microsoft.KeyVault.SecretExpired", Handling.IGNORED, null, false, "a secret is not a key"),
    VAULT_ACCESS_POLICY_CHANGED("Microsoft.KeyVault.VaultAccessPolicyChanged", Handling.IGNORED, null, false,
            "vault-level: names no key"),
    OTHER_KEY_VAULT("Microsoft.KeyVault.*", Handling.CHANGE, Action.UNCLASSIFIED, false,
            "an event type KeyLedger does not know: UNCLASSIFIED if data.ObjectType is Key, else Ignored"),
    OTHER("*", Handling.IGNORED, null, false, "another service's event (subscription validation, storage...)");

    private final String eventType;
    private final Handling handling;
    private final Action action;
    private final boolean onBackingKey;
    private final String effect;

    EventGridType(String eventType, Handling handling, Action action, boolean onBackingKey, String effect) {
        this.eventType = eventType;
        this.handling = handling;
        this.action = action;
        this.onBackingKey = onBackingKey;
        this.effect = effect;
    }

    public static EventGridType of(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(e -> e.eventType.toLowerCase(Locale.ROOT).equals(t))
                .findFirst()
                .orElse(t.startsWith("microsoft.keyvault.") ? OTHER_KEY_VAULT : OTHER);
    }

    public String eventType() {
        return eventType;
    }

    public Handling handling() {
        return handling;
    }

    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    public boolean onBackingKey() {
        return onBackingKey;
    }

    /** What becomes of the event, or why it is ignored. */
    public String effect() {
        return effect;
    }

    /** The row of the operations table in docs/providers/azure.md. */
    public Mapping<String> mapping() {
        return new Mapping<>(eventType, action == null ? "Ignored" : action.name(), effect);
    }
}
