package io.keyledger.azure.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.event.Action;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code operationName}s of Key Vault and Managed HSM AuditEvent logs (names as in the Key Vault
 * logging reference), and what each becomes. A name ending in {@code *} covers every operation so
 * starting that no other entry names. Certificate entries marked as on the backing key apply to the key
 * Key Vault keeps with every certificate under the same name.
 */
public enum AuditOperation {
    KEY_CREATE("KeyCreate", Handling.CHANGE, Action.CREATE, false,
            "ACTIVE, nativeState enabled (PRE_ACTIVATION if nbf is in the future); version, kind, algorithm, protection, usage, tags as the record carries them"),
    KEY_IMPORT("KeyImport", Handling.CHANGE, Action.IMPORT_MATERIAL, false,
            "as KeyCreate, origin IMPORTED (a new version if the key exists)"),
    KEY_UPDATE("KeyUpdate", Handling.UPDATE, null, false,
            "ENABLE / DISABLE when the record carries enabled (state derived from enabled, nbf, exp); else METADATA for nbf, exp, key_ops; else TAG for tags; else METADATA"),
    KEY_ROTATE("KeyRotate", Handling.CHANGE, Action.ROTATE, false,
            "new version, ACTIVE, nativeState enabled"),
    KEY_ROTATE_IF_DUE("KeyRotateIfDue", Handling.CHANGE, Action.ROTATE, false,
            "as KeyRotate: rotation by the key's rotation policy"),
    KEY_ROTATION_POLICY_SET("KeyRotationPolicySet", Handling.CHANGE, Action.ROTATION_POLICY, false,
            "history entry; the policy itself comes from the sweep (rotation-policy show)"),
    KEY_DELETE("KeyDelete", Handling.CHANGE, Action.SCHEDULE_DESTRUCTION, false,
            "DEACTIVATED, nativeState deleted (recoverable until ...), destructionScheduledAt when the record gives the purge date"),
    KEY_RECOVER("KeyRecover", Handling.CHANGE, Action.RECOVER, false,
            "ACTIVE, nativeState enabled (SUSPENDED if the record says disabled)"),
    KEY_PURGE("KeyPurge", Handling.CHANGE, Action.DESTROY, false, "DESTROYED, nativeState purged"),
    KEY_BACKUP("KeyBackup", Handling.CHANGE, Action.METADATA, false,
            "history entry (a protected backup blob left the vault); no state change"),
    KEY_RESTORE("KeyRestore", Handling.CHANGE, Action.CREATE, false,
            "the key is (re)created from a backup: ACTIVE, nativeState enabled"),
    KEY_NEAR_EXPIRY("KeyNearExpiryEventGridNotification", Handling.CHANGE, Action.METADATA, false,
            "expiresAt when the record carries it; no state change"),
    KEY_EXPIRED("KeyExpiredEventGridNotification", Handling.CHANGE, Action.METADATA, false,
            "DEACTIVATED, nativeState expired"),
    KEY_ENCRYPT("KeyEncrypt", Handling.USE, Action.USE, false, "usage: calling service, AI service and category"),
    KEY_DECRYPT("KeyDecrypt", Handling.USE, Action.USE, false, "usage"),
    KEY_WRAP("KeyWrap", Handling.USE, Action.USE, false, "usage"),
    KEY_UNWRAP("KeyUnwrap", Handling.USE, Action.USE, false, "usage"),
    KEY_SIGN("KeySign", Handling.USE, Action.USE, false, "usage"),
    KEY_VERIFY("KeyVerify", Handling.USE, Action.USE, false, "usage"),
    KEY_RELEASE("KeyRelease", Handling.USE, Action.USE, false,
            "usage (secure key release to an attested environment)"),
    KEY_GET("KeyGet", Handling.IGNORED, null, false,
            "a read: changes nothing, and sweeps observe keys (a read is not a cryptographic use)"),
    KEY_LIST("KeyList", Handling.IGNORED, null, false, "a read of the vault's keys"),
    KEY_LIST_VERSIONS("KeyListVersions", Handling.IGNORED, null, false, "a read of a key's versions"),
    KEY_GET_DELETED("KeyGetDeleted", Handling.IGNORED, null, false, "a read of a deleted key"),
    KEY_LIST_DELETED("KeyListDeleted", Handling.IGNORED, null, false, "a read of the deleted keys"),
    KEY_ROTATION_POLICY_GET("KeyRotationPolicyGet", Handling.IGNORED, null, false, "a read of a rotation policy"),
    KEY_OTHER("Key*", Handling.CHANGE, Action.UNCLASSIFIED, false,
            "an operation KeyLedger does not know: history entry, no state change (Ignored if it names no key)"),
    CERTIFICATE_CREATE("CertificateCreate", Handling.CHANGE, Action.CREATE, true,
            "on the backing key keys/<name>: ACTIVE, nativeState enabled, description 'backs certificate <name>'"),
    CERTIFICATE_IMPORT("CertificateImport", Handling.CHANGE, Action.IMPORT_MATERIAL, true,
            "on the backing key: origin IMPORTED, ACTIVE"),
    CERTIFICATE_DELETE("CertificateDelete", Handling.CHANGE, Action.SCHEDULE_DESTRUCTION, true,
            "on the backing key: DEACTIVATED, nativeState deleted (recoverable ...)"),
    CERTIFICATE_RECOVER("CertificateRecover", Handling.CHANGE, Action.RECOVER, true,
            "on the backing key: ACTIVE, nativeState enabled"),
    CERTIFICATE_PURGE("CertificatePurge", Handling.CHANGE, Action.DESTROY, true,
            "on the backing key: DESTROYED, nativeState purged"),
    CERTIFICATE_RESTORE("CertificateRestore", Handling.CHANGE, Action.CREATE, true,
            "on the backing key: restored, ACTIVE"),
    CERTIFICATE_OTHER("Certificate*", Handling.IGNORED, null, false,
            "certificate metadata, policy, contacts, issuers, renewal: not a key (the backing key's own changes come as Key* records and sweeps)"),
    SECRET_ANY("Secret*", Handling.IGNORED, null, false, "a secret is not a key"),
    VAULT_ANY("Vault*", Handling.IGNORED, null, false,
            "vault-level (VaultGet, VaultPut, VaultPatch, VaultDelete, VaultRecover, VaultAccessPolicyChangedEventGridNotification): names no key; a deleted vault's keys show in its next sweep"),
    AUTHENTICATION("Authentication", Handling.IGNORED, null, false, "a sign-in to the vault, no key"),
    OTHER("*", Handling.CHANGE, Action.UNCLASSIFIED, false,
            "any other operation (Managed HSM role, security domain, full backup...): UNCLASSIFIED if it names a key, else Ignored");

    private final String nativeName;
    private final Handling handling;
    private final Action action;
    private final boolean onBackingKey;
    private final String effect;

    AuditOperation(String nativeName, Handling handling, Action action, boolean onBackingKey, String effect) {
        this.nativeName = nativeName;
        this.handling = handling;
        this.action = action;
        this.onBackingKey = onBackingKey;
        this.effect = effect;
    }

    /** The entry for an operationName, case-insensitively: the exact name, else the longest matching prefix. */
    public static AuditOperation of(String operationName) {
        String name = operationName.trim().toLowerCase(Locale.ROOT);
        for (AuditOperation op : values()) {
            if (!op.wildcard() && op.nativeName.toLowerCase(Locale.ROOT).equals(name)) {
                return op;
            }
        }
        return Arrays.stream(values()).filter(AuditOperation::wildcard)
                .filter(op -> name.startsWith(op.prefix()))
                .max(Comparator.comparingInt(op -> op.prefix().length()))
                .orElse(OTHER);
    }

    public String nativeName() {
        return nativeName;
    }

    public Handling handling() {
        return handling;
    }

    /** The action, for handlings that have one of their own (not UPDATE, not IGNORED). */
    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    /** Whether the operation is a certificate's and applies to the certificate's backing key. */
    public boolean onBackingKey() {
        return onBackingKey;
    }

    public String effect() {
        return effect;
    }

    /** The row of the operations table in docs/providers/azure.md: what the operation becomes, and how. */
    public Mapping<String> mapping() {
        String outcome = switch (handling) {
            case UPDATE -> "ENABLE / DISABLE / METADATA / TAG";
            case IGNORED -> "Ignored";
            default -> action.name();
        };
        return new Mapping<>(nativeName, outcome, effect);
    }

    private boolean wildcard() {
        return nativeName.endsWith("*");
    }

    private String prefix() {
        return nativeName.substring(0, nativeName.length() - 1).toLowerCase(Locale.ROOT);
    }
}
