package io.keyledger.gcp.format;

import io.keyledger.core.event.Action;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Cloud KMS method KeyLedger knows, with what becomes of its audit log entries. This enum is the
 * mapping table: the decoder follows it and the provider documentation is generated from it. Audit logs
 * name a method bare ({@code DestroyCryptoKeyVersion}) or fully qualified
 * ({@code google.cloud.kms.v1.KeyManagementService.DestroyCryptoKeyVersion}); both are read.
 * A method not listed here becomes an UNCLASSIFIED event of the key it names.
 */
public enum KmsMethod {
    CREATE_KEY_RING("CreateKeyRing", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "a key ring holds no key material; its keys arrive with CreateCryptoKey"),
    DELETE_KEY_RING("DeleteKeyRing", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "only an empty key ring can be deleted: its keys were deleted (DeleteCryptoKey) before"),
    CREATE_CRYPTO_KEY("CreateCryptoKey", Log.ADMIN_ACTIVITY, Handling.KEY, Action.CREATE,
            "kind, keyUsage (purpose), algorithm, nativeSpec, protection (versionTemplate), origin, labels as "
                    + "tags, rotation, createdAt; version 1 with the primary's state (ENABLED if the response does "
                    + "not say); with skipInitialVersionCreation no version and state PRE_ACTIVATION"),
    CREATE_CRYPTO_KEY_VERSION("CreateCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY, Action.ROTATE,
            "the new version (response.name) with its state, PENDING_GENERATION or ENABLED (ENABLED if the "
                    + "response does not say); by the Cloud KMS service agent it is the automatic rotation"),
    IMPORT_CRYPTO_KEY_VERSION("ImportCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY, Action.IMPORT_MATERIAL,
            "the new (or re-imported) version with its state: PENDING_IMPORT, ENABLED, or IMPORT_FAILED "
                    + "(version DESTROYED); origin IMPORTED; the wrapped material is never read"),
    UPDATE_CRYPTO_KEY_PRIMARY_VERSION("UpdateCryptoKeyPrimaryVersion", Log.ADMIN_ACTIVITY, Handling.KEY,
            Action.METADATA, "the new primary version (request.cryptoKeyVersionId), which is ENABLED"),
    UPDATE_CRYPTO_KEY("UpdateCryptoKey", Log.ADMIN_ACTIVITY, Handling.KEY, Action.ROTATION_POLICY,
            "by updateMask: rotationPeriod / nextRotationTime give ROTATION_POLICY with rotation.period and "
                    + "rotation.enabled; otherwise labels give TAG with `tag.<label>` and `untag`; otherwise "
                    + "METADATA (versionTemplate: algorithm, protection)"),
    UPDATE_CRYPTO_KEY_VERSION("UpdateCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY, Action.ENABLE,
            "state ENABLED gives ENABLE, DISABLED gives DISABLE (the response's state, else "
                    + "request.cryptoKeyVersion.state, when updateMask names state); other fields METADATA"),
    DESTROY_CRYPTO_KEY_VERSION("DestroyCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY,
            Action.SCHEDULE_DESTRUCTION, "version DESTROY_SCHEDULED (or PENDING_EXTERNAL_DESTRUCTION) with "
                    + "destroyTime as destructionScheduledAt; DESTROY if the response already says DESTROYED"),
    RESTORE_CRYPTO_KEY_VERSION("RestoreCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY,
            Action.CANCEL_DESTRUCTION, "version back to DISABLED"),
    DELETE_CRYPTO_KEY_VERSION("DeleteCryptoKeyVersion", Log.ADMIN_ACTIVITY, Handling.KEY, Action.DESTROY,
            "only a DESTROYED, GENERATION_FAILED or IMPORT_FAILED version can be deleted: version DESTROYED"),
    DELETE_CRYPTO_KEY("DeleteCryptoKey", Log.ADMIN_ACTIVITY, Handling.KEY, Action.DESTROY,
            "the key, all of whose versions were destroyed, is removed from listings: state DESTROYED"),
    SET_IAM_POLICY("SetIamPolicy", Log.ADMIN_ACTIVITY, Handling.KEY, Action.KEY_POLICY,
            "on a key; the policy itself is never copied, only the services of the service agents among its "
                    + "members (usage.service / usage.aiService); on a key ring or an import job: Ignored"),
    CREATE_IMPORT_JOB("CreateImportJob", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "an import job's wrapping key only wraps material for ImportCryptoKeyVersion and expires after "
                    + "three days; the imported version is recorded by ImportCryptoKeyVersion"),
    CREATE_EKM_CONNECTION("CreateEkmConnection", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "an external key manager connection, not a key"),
    UPDATE_EKM_CONNECTION("UpdateEkmConnection", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "an external key manager connection, not a key"),
    UPDATE_EKM_CONFIG("UpdateEkmConfig", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "an external key manager configuration, not a key"),
    CREATE_KEY_HANDLE("CreateKeyHandle", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "Autokey key handle: the key itself is logged as CreateCryptoKey by the Cloud KMS service agent"),
    UPDATE_AUTOKEY_CONFIG("UpdateAutokeyConfig", Log.ADMIN_ACTIVITY, Handling.IGNORED, null,
            "a folder's Autokey configuration, not a key"),
    GET_CRYPTO_KEY("GetCryptoKey", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_CRYPTO_KEY_VERSION("GetCryptoKeyVersion", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_CRYPTO_KEYS("ListCryptoKeys", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_CRYPTO_KEY_VERSIONS("ListCryptoKeyVersions", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_KEY_RING("GetKeyRing", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_KEY_RINGS("ListKeyRings", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_IAM_POLICY("GetIamPolicy", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_IMPORT_JOB("GetImportJob", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_IMPORT_JOBS("ListImportJobs", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_PUBLIC_KEY("GetPublicKey", Log.DATA_ACCESS, Handling.IGNORED, null,
            "reads the public half of an asymmetric version: no use of the private key, no change"),
    GET_OPERATION("GetOperation", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_LOCATION("GetLocation", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_LOCATIONS("ListLocations", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_EKM_CONNECTION("GetEkmConnection", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_EKM_CONNECTIONS("ListEkmConnections", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_EKM_CONFIG("GetEkmConfig", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    VERIFY_CONNECTIVITY("VerifyConnectivity", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_KEY_HANDLE("GetKeyHandle", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    LIST_KEY_HANDLES("ListKeyHandles", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    GET_AUTOKEY_CONFIG("GetAutokeyConfig", Log.DATA_ACCESS, Handling.IGNORED, null, Constants.READ),
    SHOW_EFFECTIVE_AUTOKEY_CONFIG("ShowEffectiveAutokeyConfig", Log.DATA_ACCESS, Handling.IGNORED, null,
            Constants.READ),
    ENCRYPT("Encrypt", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    DECRYPT("Decrypt", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    RAW_ENCRYPT("RawEncrypt", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    RAW_DECRYPT("RawDecrypt", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    ASYMMETRIC_SIGN("AsymmetricSign", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    ASYMMETRIC_DECRYPT("AsymmetricDecrypt", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    MAC_SIGN("MacSign", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    MAC_VERIFY("MacVerify", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    DECAPSULATE("Decapsulate", Log.DATA_ACCESS, Handling.USE, Action.USE, Constants.USE),
    GENERATE_RANDOM_BYTES("GenerateRandomBytes", Log.DATA_ACCESS, Handling.IGNORED, null,
            "uses no key (random bytes from a location's HSMs)");

    /** Which audit log carries the method's entries. */
    public enum Log {
        ADMIN_ACTIVITY("Admin Activity"),
        DATA_ACCESS("Data Access");

        private final String label;

        Log(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What the decoder does with an entry of the method. */
    public enum Handling {
        /** A change of the key (or of one of its versions): an event. */
        KEY,
        /** A cryptographic use: an event of action USE, aggregated by the core. */
        USE,
        /** Says nothing about any key's state: Ignored, with {@link #rule()} as the reason. */
        IGNORED
    }

    private static final class Constants {
        static final String READ = "a read (Data Access, ADMIN_READ): changes nothing; the sweep reads the same";
        static final String USE = "usage.principal, usage.service / usage.aiService and usage.aiCategory from the "
                + "caller's service agent; no plaintext, ciphertext or authenticated data is read";
    }

    private static final Map<String, KmsMethod> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(KmsMethod::nativeName, Function.identity()));

    private final String nativeName;
    private final Log log;
    private final Handling handling;
    private final Action action;
    private final String rule;

    KmsMethod(String nativeName, Log log, Handling handling, Action action, String rule) {
        this.nativeName = nativeName;
        this.log = log;
        this.handling = handling;
        this.action = action;
        this.rule = rule;
    }

    public String nativeName() {
        return nativeName;
    }

    public Log log() {
        return log;
    }

    public Handling handling() {
        return handling;
    }

    /** The usual action; some methods decide between several (documented in {@link #actions()}). */
    public Optional<Action> action() {
        return Optional.ofNullable(action);
    }

    /** The actions the method can give, as documented. */
    public String actions() {
        return switch (this) {
            case UPDATE_CRYPTO_KEY -> "ROTATION_POLICY, TAG or METADATA";
            case UPDATE_CRYPTO_KEY_VERSION -> "ENABLE, DISABLE or METADATA";
            case DESTROY_CRYPTO_KEY_VERSION -> "SCHEDULE_DESTRUCTION (DESTROY)";
            default -> action == null ? "Ignored" : action.name();
        };
    }

    /** What the decoder records, or why the entry is ignored. */
    public String rule() {
        return rule;
    }

    /** The method of an audit log's {@code methodName}, bare or fully qualified. */
    public static Optional<KmsMethod> of(String methodName) {
        return Optional.ofNullable(BY_NAME.get(bareName(methodName)));
    }

    /** {@code google.cloud.kms.v1.KeyManagementService.Encrypt} becomes {@code Encrypt}. */
    public static String bareName(String methodName) {
        String m = methodName.trim();
        int dot = m.lastIndexOf('.');
        return dot < 0 ? m : m.substring(dot + 1);
    }
}
