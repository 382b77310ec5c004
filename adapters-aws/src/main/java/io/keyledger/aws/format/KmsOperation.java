package io.keyledger.aws.format;

import io.keyledger.core.event.Action;
import java.util.Optional;

/**
 * Every AWS KMS operation CloudTrail records, and what KeyLedger makes of it. This enum is the mapping
 * table of docs/providers/aws.md (rendered by {@link AwsMappingTables}; a test keeps the two equal).
 */
public enum KmsOperation {
    CREATE_KEY("CreateKey", Disposition.KEY_EVENT, Action.CREATE, null,
            "state from `keyMetadata.keyState`: Enabled, or PendingImport for origin EXTERNAL; spec, usage, origin, "
                    + "manager, description, multiRegion, customKeyStore (CloudHSM / external key store), tags; "
                    + "a `policy` given is analysed as for PutKeyPolicy"),
    REPLICATE_KEY("ReplicateKey", Disposition.KEY_EVENT, Action.REPLICATE, null,
            "on the primary; the replica gets a CREATE of its own (event id `<eventID>/replica`) with "
                    + "`replicaOf` = the primary and the state of `replicaKeyMetadata.keyState` (Creating)"),
    ENABLE_KEY("EnableKey", Disposition.KEY_EVENT, Action.ENABLE, KmsKeyState.ENABLED, ""),
    DISABLE_KEY("DisableKey", Disposition.KEY_EVENT, Action.DISABLE, KmsKeyState.DISABLED, ""),
    SCHEDULE_KEY_DELETION("ScheduleKeyDeletion", Disposition.KEY_EVENT, Action.SCHEDULE_DESTRUCTION,
            KmsKeyState.PENDING_DELETION, "`destructionScheduledAt` = `responseElements.deletionDate` (or event time "
                    + "+ `pendingWindowInDays`); PendingReplicaDeletion (no date) for a primary with replicas"),
    CANCEL_KEY_DELETION("CancelKeyDeletion", Disposition.KEY_EVENT, Action.CANCEL_DESTRUCTION, KmsKeyState.DISABLED,
            "the key comes back Disabled"),
    DELETE_KEY("DeleteKey", Disposition.KEY_EVENT, Action.DESTROY, null,
            "service event at the end of the waiting period"),
    IMPORT_KEY_MATERIAL("ImportKeyMaterial", Disposition.KEY_EVENT, Action.IMPORT_MATERIAL, KmsKeyState.ENABLED,
            "`expiresAt` = `validTo` unless `expirationModel` is KEY_MATERIAL_DOES_NOT_EXPIRE"),
    DELETE_IMPORTED_KEY_MATERIAL("DeleteImportedKeyMaterial", Disposition.KEY_EVENT, Action.DELETE_MATERIAL,
            KmsKeyState.PENDING_IMPORT, ""),
    DELETE_EXPIRED_KEY_MATERIAL("DeleteExpiredKeyMaterial", Disposition.KEY_EVENT, Action.DELETE_MATERIAL,
            KmsKeyState.PENDING_IMPORT, "service event when imported material expires"),
    ENABLE_KEY_ROTATION("EnableKeyRotation", Disposition.KEY_EVENT, Action.ROTATION_POLICY, null,
            "`rotation.enabled` = true, `rotation.period` = `rotationPeriodInDays` (AWS default 365 days)"),
    DISABLE_KEY_ROTATION("DisableKeyRotation", Disposition.KEY_EVENT, Action.ROTATION_POLICY, null,
            "`rotation.enabled` = false"),
    ROTATE_KEY("RotateKey", Disposition.KEY_EVENT, Action.ROTATE, null,
            "service event: automatic (or completed on-demand) rotation"),
    ROTATE_KEY_ON_DEMAND("RotateKeyOnDemand", Disposition.KEY_EVENT, Action.ROTATE, null, ""),
    UPDATE_PRIMARY_REGION("UpdatePrimaryRegion", Disposition.KEY_EVENT, Action.METADATA, null,
            "the key named becomes a replica (`replicaOf`) of the key in `primaryRegion`; that key "
                    + "(event id `<eventID>/new-primary`) is no one's replica"),
    SYNCHRONIZE_MULTI_REGION_KEY("SynchronizeMultiRegionKey", Disposition.KEY_EVENT, Action.REPLICATE, null,
            "service event"),
    CREATE_ALIAS("CreateAlias", Disposition.KEY_EVENT, Action.ALIAS, null, "`alias.add` on the target key"),
    UPDATE_ALIAS("UpdateAlias", Disposition.KEY_EVENT, Action.ALIAS, null,
            "`alias.add` on the new target; `alias.remove` on the previous target when the record names it "
                    + "(event id `<eventID>/previous-target`)"),
    DELETE_ALIAS("DeleteAlias", Disposition.KEY_EVENT, Action.ALIAS, null, "`alias.remove` on the key it named"),
    PUT_KEY_POLICY("PutKeyPolicy", Disposition.KEY_EVENT, Action.KEY_POLICY, null,
            "the policy is analysed, never stored: `policy.lockoutRisk` (no Allow of kms:PutKeyPolicy to the "
                    + "account or *, or an unconditional Deny), `access.externalPrincipals` (other accounts, *)"),
    CREATE_GRANT("CreateGrant", Disposition.KEY_EVENT, Action.GRANT, null,
            "usage from the grantee (a service principal) and the calling service; `access.grantees.add` = the "
                    + "grantee; `usage.resource` from the context constraints"),
    RETIRE_GRANT("RetireGrant", Disposition.KEY_EVENT, Action.GRANT, null, ""),
    REVOKE_GRANT("RevokeGrant", Disposition.KEY_EVENT, Action.GRANT, null, ""),
    TAG_RESOURCE("TagResource", Disposition.KEY_EVENT, Action.TAG, null,
            "`tag.<key>`; `usage.aiCategory` from the `keyledger-ai-usage` tag"),
    UNTAG_RESOURCE("UntagResource", Disposition.KEY_EVENT, Action.TAG, null, "`untag`"),
    UPDATE_KEY_DESCRIPTION("UpdateKeyDescription", Disposition.KEY_EVENT, Action.METADATA, null, "`description`"),
    CONNECT_CUSTOM_KEY_STORE("ConnectCustomKeyStore", Disposition.KEY_STORE_CHANGE, null, null,
            "key store change: the store's keys are usable again"),
    DISCONNECT_CUSTOM_KEY_STORE("DisconnectCustomKeyStore", Disposition.KEY_STORE_CHANGE, null,
            KmsKeyState.UNAVAILABLE, "key store change: the store's keys become Unavailable"),
    CREATE_CUSTOM_KEY_STORE("CreateCustomKeyStore", Disposition.KEY_STORE_CHANGE, null, null,
            "key store change: the store's record (name, type, CloudHSM cluster or proxy endpoint)"),
    UPDATE_CUSTOM_KEY_STORE("UpdateCustomKeyStore", Disposition.KEY_STORE_CHANGE, null, null,
            "key store change: the store's record"),
    DELETE_CUSTOM_KEY_STORE("DeleteCustomKeyStore", Disposition.KEY_STORE_CHANGE, null, null,
            "key store change: the store's record is marked deleted"),
    ENCRYPT("Encrypt", Disposition.USE, Action.USE, null,
            "every use: `usage.resource` = the resources its encryption context names (aws:s3:arn, aws:ebs:id, ...)"),
    DECRYPT("Decrypt", Disposition.USE, Action.USE, null, ""),
    RE_ENCRYPT("ReEncrypt", Disposition.USE, Action.USE, null,
            "a use of both keys; the destination key's event id is `<eventID>/destination`"),
    GENERATE_DATA_KEY("GenerateDataKey", Disposition.USE, Action.USE, null, ""),
    GENERATE_DATA_KEY_WITHOUT_PLAINTEXT("GenerateDataKeyWithoutPlaintext", Disposition.USE, Action.USE, null, ""),
    GENERATE_DATA_KEY_PAIR("GenerateDataKeyPair", Disposition.USE, Action.USE, null, ""),
    GENERATE_DATA_KEY_PAIR_WITHOUT_PLAINTEXT("GenerateDataKeyPairWithoutPlaintext", Disposition.USE, Action.USE, null, ""),
    SIGN("Sign", Disposition.USE, Action.USE, null, ""),
    VERIFY("Verify", Disposition.USE, Action.USE, null, ""),
    GENERATE_MAC("GenerateMac", Disposition.USE, Action.USE, null, ""),
    VERIFY_MAC("VerifyMac", Disposition.USE, Action.USE, null, ""),
    DERIVE_SHARED_SECRET("DeriveSharedSecret", Disposition.USE, Action.USE, null, ""),
    DESCRIBE_KEY("DescribeKey", Disposition.IGNORED, null, null, "read"),
    GET_PUBLIC_KEY("GetPublicKey", Disposition.IGNORED, null, null, "read"),
    GET_KEY_POLICY("GetKeyPolicy", Disposition.IGNORED, null, null, "read"),
    GET_KEY_ROTATION_STATUS("GetKeyRotationStatus", Disposition.IGNORED, null, null, "read"),
    GET_PARAMETERS_FOR_IMPORT("GetParametersForImport", Disposition.IGNORED, null, null,
            "read (the wrapping key for an import)"),
    LIST_KEYS("ListKeys", Disposition.IGNORED, null, null, "read"),
    LIST_ALIASES("ListAliases", Disposition.IGNORED, null, null, "read"),
    LIST_GRANTS("ListGrants", Disposition.IGNORED, null, null, "read"),
    LIST_RETIRABLE_GRANTS("ListRetirableGrants", Disposition.IGNORED, null, null, "read"),
    LIST_KEY_POLICIES("ListKeyPolicies", Disposition.IGNORED, null, null, "read"),
    LIST_KEY_ROTATIONS("ListKeyRotations", Disposition.IGNORED, null, null, "read"),
    LIST_RESOURCE_TAGS("ListResourceTags", Disposition.IGNORED, null, null, "read"),
    DESCRIBE_CUSTOM_KEY_STORES("DescribeCustomKeyStores", Disposition.IGNORED, null, null, "read"),
    GENERATE_RANDOM("GenerateRandom", Disposition.IGNORED, null, null, "uses no key");

    /** What a record of the operation becomes. */
    public enum Disposition {
        /** A key event with the operation's action. */
        KEY_EVENT,
        /** A cryptographic use: a USE event with the detected usage, aggregated by the core. */
        USE,
        /** A custom key store created, updated, connected, disconnected or deleted: its record; (dis)connection reaches its keys. */
        KEY_STORE_CHANGE,
        /** Counted, not applied: reads change nothing and are not uses; key store administration names no key. */
        IGNORED
    }

    private final String nativeName;
    private final Disposition disposition;
    private final Action action;
    private final KmsKeyState nativeState;
    private final String note;

    KmsOperation(String nativeName, Disposition disposition, Action action, KmsKeyState nativeState, String note) {
        this.nativeName = nativeName;
        this.disposition = disposition;
        this.action = action;
        this.nativeState = nativeState;
        this.note = note;
    }

    public String nativeName() {
        return nativeName;
    }

    public Disposition disposition() {
        return disposition;
    }

    /** The action of the events it gives (USE for uses); empty for key store changes and ignored records. */
    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    /** The KeyState the key is in afterwards, when the operation alone decides it. */
    public Optional<KmsKeyState> nativeState() {
        return Optional.ofNullable(nativeState);
    }

    public String note() {
        return note;
    }

    public static Optional<KmsOperation> of(String eventName) {
        return Optional.ofNullable(BY_NAME.get(eventName));
    }

    /** Looked up for every KMS record read. */
    private static final java.util.Map<String, KmsOperation> BY_NAME = byName();

    private static java.util.Map<String, KmsOperation> byName() {
        java.util.Map<String, KmsOperation> m = new java.util.HashMap<>();
        for (KmsOperation o : values()) {
            m.put(o.nativeName, o);
        }
        return m;
    }
}
