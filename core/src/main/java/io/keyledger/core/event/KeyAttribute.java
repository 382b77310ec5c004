package io.keyledger.core.event;

import java.util.Locale;
import java.util.Optional;

/**
 * Names of the attributes a {@link KeyEvent} may carry. Tags use the prefix {@code tag.} followed by
 * the tag name ({@code tag.Owner}); {@code untag} removes a comma-separated list of tag names.
 */
public enum KeyAttribute {
    STATE("state"),
    NATIVE_STATE("nativeState"),
    KIND("kind"),
    ALGORITHM("algorithm"),
    NATIVE_SPEC("nativeSpec"),
    KEY_USAGE("keyUsage"),
    PROTECTION("protection"),
    ORIGIN("origin"),
    MANAGER("manager"),
    DESCRIPTION("description"),
    OWNER("owner"),
    ALIAS_ADD("alias.add"),
    ALIAS_REMOVE("alias.remove"),
    UNTAG("untag"),
    ROTATION_ENABLED("rotation.enabled"),
    ROTATION_PERIOD("rotation.period"),
    /** When the key material last rotated, as the provider lists it (a sweep sees rotations events missed). */
    LAST_ROTATED_AT("rotation.lastRotatedAt"),
    CREATED_AT("createdAt"),
    DESTRUCTION_SCHEDULED_AT("destructionScheduledAt"),
    /** When the key's destruction was asked for, as the provider lists it (Azure: a soft-deleted key's {@code deletedDate}). */
    DESTRUCTION_REQUESTED_AT("destructionRequestedAt"),
    /**
     * How long a key scheduled for destruction stays recoverable, an ISO-8601 duration (AWS
     * {@code PendingDeletionWindowInDays}, Azure {@code recoverableDays}, Google {@code destroyScheduledDuration}).
     */
    DESTRUCTION_DELAY("destruction.delay"),
    /** The provider's own word for what protects the key from deletion and purge (Azure {@code recoveryLevel}). */
    RECOVERY_LEVEL("destruction.recoveryLevel"),
    /** When the provider last changed the key's attributes, as it lists them (Azure {@code updated}). */
    UPDATED_AT("updatedAt"),
    EXPIRES_AT("expiresAt"),
    VERSION_STATE("versionState"),
    REPLICA_OF("replicaOf"),
    NOT_BEFORE("notBefore"),
    CUSTOM_KEY_STORE("customKeyStore"),
    MULTI_REGION("multiRegion"),
    USED_BY_SERVICE("usage.service"),
    USED_BY_AI_SERVICE("usage.aiService"),
    USED_BY_PRINCIPAL("usage.principal"),
    AI_USAGE_CATEGORY("usage.aiCategory"),
    /** When the key was last used, as the provider tracks it (AWS GetKeyLastUsage): folded into the usage rollup. */
    LAST_USED_AT("usage.lastUsedAt"),
    /** The provider's operation of that last use ({@code Decrypt}). */
    LAST_OPERATION("usage.lastOperation"),
    /**
     * Resources the use protects, comma-separated, as named in its encryption context or audit entry
     * ({@code arn:aws:s3:::bucket}, an Azure resource id, a Google resource name).
     */
    PROTECTED_RESOURCE("usage.resource"),
    /**
     * How many resources the key protects, as the provider counts them (Google's protected-resources
     * summary): a whole number; the rollup keeps the largest reported.
     */
    PROTECTED_RESOURCE_COUNT("usage.resourceCount"),
    /** Principals holding grants on the key, comma-separated: the whole list as the provider lists it. */
    ACCESS_GRANTEES("access.grantees"),
    /** Principals given a grant on the key, comma-separated: added to the list (a grant created). */
    ACCESS_GRANTEE_ADD("access.grantees.add"),
    /** Principals of other accounts (or {@code *}) the key's policy lets in, comma-separated: the whole list. */
    ACCESS_EXTERNAL_PRINCIPALS("access.externalPrincipals"),
    /** How access to the key is controlled ({@code key-policy}, {@code rbac}, {@code access-policies}). */
    ACCESS_MODEL("access.model"),
    RESPONSIBILITY_PARTY("responsibility.party"),
    RESPONSIBILITY_MODE("responsibility.mode"),
    CLASSIFICATION("classification"),
    JURISDICTION("jurisdiction"),
    RETENTION_CLASS("retentionClass"),
    CHANGE_REFERENCE("changeReference"),
    /** Why a person made a change through KeyLedger (a declared compromise): kept in the event, not on the key. */
    REASON("reason"),
    OBSERVATION("observation"),
    OBSERVATION_NOTE("observationNote"),
    /**
     * Set to {@code true} by a decoder on a KEY_POLICY event whose new policy no longer lets the
     * account's own administrators manage the key (AWS: no statement grants kms:PutKeyPolicy to the
     * account root or an admin role; Azure/Google: the vault's or key's admin bindings were removed).
     * The key-policy-lockout rule alerts on it; the record keeps the latest analysis in its access facts.
     */
    POLICY_LOCKOUT_RISK("policy.lockoutRisk");

    public static final String TAG_PREFIX = "tag.";

    private final String wireName;

    KeyAttribute(String wireName) {
        this.wireName = wireName;
    }

    /** The attribute's name in events and files. */
    public String wireName() {
        return wireName;
    }

    public static Optional<KeyAttribute> fromWireName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** Looked up for every attribute of every event: a map, not a scan. */
    private static final java.util.Map<String, KeyAttribute> BY_WIRE_NAME = byWireName();

    private static java.util.Map<String, KeyAttribute> byWireName() {
        java.util.Map<String, KeyAttribute> m = new java.util.HashMap<>();
        for (KeyAttribute a : values()) {
            m.put(a.wireName, a);
        }
        return java.util.Map.copyOf(m);
    }

    /** True for a known attribute name or a {@code tag.<name>} entry. */
    public static boolean isValidName(String name) {
        return fromWireName(name).isPresent()
                || (name.startsWith(TAG_PREFIX) && name.length() > TAG_PREFIX.length());
    }

    static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
