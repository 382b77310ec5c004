package io.keyledger.testkit.aws;

import io.keyledger.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One key of {@link FakeKms}, set up by the test with fluent setters (a new key is customer managed,
 * Enabled, SYMMETRIC_DEFAULT, origin AWS_KMS), and answered as DescribeKey's {@code KeyMetadata}.
 * Not thread-safe by itself: set it up before the sweep, or under the fake's lock.
 */
public final class FakeKmsKey {

    /** One completed rotation, as ListKeyRotations lists it. */
    public record Rotation(Instant date, String type) {
    }

    private static final Set<String> STATES = Set.of("Creating", "Enabled", "Disabled", "PendingDeletion",
            "PendingImport", "PendingReplicaDeletion", "Unavailable", "Updating");

    private final String account;
    private final String region;
    private final String keyId;
    private final Instant created;
    private String state = "Enabled";
    private String spec = "SYMMETRIC_DEFAULT";
    private String usage = "ENCRYPT_DECRYPT";
    private String origin = "AWS_KMS";
    private String manager = "CUSTOMER";
    private String description = "";
    private Optional<Instant> deletionDate = Optional.empty();
    private Optional<Integer> pendingDeletionWindowInDays = Optional.empty();
    private Optional<Instant> validTo = Optional.empty();
    private boolean multiRegion;
    private Optional<String> primaryRegion = Optional.empty();
    private final List<String> replicaRegions = new ArrayList<>();
    private Optional<String> customKeyStoreId = Optional.empty();
    private boolean rotationEnabled;
    private int rotationPeriodInDays = 365;
    private Optional<Instant> nextRotationDate = Optional.empty();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<Rotation> rotations = new ArrayList<>();
    private Optional<LastUse> lastUse = Optional.empty();
    private final List<Grant> grants = new ArrayList<>();
    private Optional<String> policy = Optional.empty();

    /** A use KMS tracked: its operation as GetKeyLastUsage names it ({@code DECRYPT}) and when. */
    public record LastUse(String operation, Instant at, String cloudTrailEventId) {
    }

    /** A grant as ListGrants lists it; {@code contextSubset} becomes its EncryptionContextSubset constraint. */
    public record Grant(String grantId, String granteePrincipal, Optional<String> retiringPrincipal,
                        List<String> operations, Map<String, String> contextSubset, Instant created) {
    }

    FakeKmsKey(String account, String region, String keyId, Instant created) {
        this.account = account;
        this.region = region;
        this.keyId = keyId;
        this.created = created;
    }

    public String keyId() {
        return keyId;
    }

    public String arn() {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    public String state() {
        return state;
    }

    public String spec() {
        return spec;
    }

    public String origin() {
        return origin;
    }

    public boolean rotationEnabled() {
        return rotationEnabled || manager.equals("AWS");
    }

    public int rotationPeriodInDays() {
        return manager.equals("AWS") ? 365 : rotationPeriodInDays;
    }

    public Optional<Instant> nextRotationDate() {
        return nextRotationDate;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public List<Rotation> rotations() {
        return rotations;
    }

    /** Whether KMS keeps a rotation status for the key: symmetric, with material KMS generated. */
    public boolean rotatable() {
        return spec.equals("SYMMETRIC_DEFAULT") && origin.equals("AWS_KMS");
    }

    /** One of KMS's eight key states. PendingDeletion needs {@link #scheduledDeletion}. */
    public FakeKmsKey state(String keyState) {
        if (!STATES.contains(keyState)) {
            throw new IllegalArgumentException("not a KMS key state: " + keyState);
        }
        this.state = keyState;
        return this;
    }

    /** PendingDeletion, to be deleted on {@code date}. */
    public FakeKmsKey scheduledDeletion(Instant date) {
        this.state = "PendingDeletion";
        this.deletionDate = Optional.of(date);
        return this;
    }

    /** A multi-Region primary whose replicas must go first: PendingReplicaDeletion, with its waiting period. */
    public FakeKmsKey pendingReplicaDeletion(int windowInDays) {
        this.state = "PendingReplicaDeletion";
        this.pendingDeletionWindowInDays = Optional.of(windowInDays);
        return this;
    }

    /** The key spec; the key usage follows it (RSA keys: ENCRYPT_DECRYPT unless {@link #usage} says SIGN_VERIFY). */
    public FakeKmsKey spec(String keySpec) {
        this.spec = keySpec;
        if (keySpec.startsWith("HMAC_")) {
            usage = "GENERATE_VERIFY_MAC";
        } else if (keySpec.startsWith("ECC_") || keySpec.startsWith("ML_DSA_") || keySpec.equals("SM2")) {
            usage = "SIGN_VERIFY";
        } else {
            usage = "ENCRYPT_DECRYPT";
        }
        return this;
    }

    public FakeKmsKey usage(String keyUsage) {
        this.usage = keyUsage;
        return this;
    }

    /** Imported material (origin EXTERNAL), expiring on {@code expires} when present. */
    public FakeKmsKey imported(Optional<Instant> expires) {
        this.origin = "EXTERNAL";
        this.validTo = expires;
        return this;
    }

    /** In a custom key store: AWS_CLOUDHSM or EXTERNAL_KEY_STORE. */
    public FakeKmsKey customKeyStore(String keyStoreOrigin, String storeId) {
        this.origin = keyStoreOrigin;
        this.customKeyStoreId = Optional.of(storeId);
        return this;
    }

    /** An AWS managed key ({@code KeyManager} AWS), which KMS rotates every year. */
    public FakeKmsKey awsManaged() {
        this.manager = "AWS";
        return this;
    }

    public FakeKmsKey description(String text) {
        this.description = text;
        return this;
    }

    public FakeKmsKey rotation(boolean enabled, int periodInDays, Optional<Instant> next) {
        this.rotationEnabled = enabled;
        this.rotationPeriodInDays = periodInDays;
        this.nextRotationDate = next;
        return this;
    }

    public FakeKmsKey rotated(Instant date, String type) {
        rotations.add(new Rotation(date, type));
        return this;
    }

    /** The last cryptographic use KMS tracked for the key. */
    public FakeKmsKey lastUsed(String operation, Instant at) {
        lastUse = Optional.of(new LastUse(operation, at, java.util.UUID.nameUUIDFromBytes((keyId + at).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString()));
        return this;
    }

    public FakeKmsKey grant(Grant grant) {
        grants.add(grant);
        return this;
    }

    /** The key's policy document; a key without one answers KMS's default key policy. */
    public FakeKmsKey policy(String document) {
        policy = Optional.of(document);
        return this;
    }

    Optional<LastUse> lastUse() {
        return lastUse;
    }

    List<Grant> grants() {
        return grants;
    }

    Instant created() {
        return created;
    }

    /** The key's policy, or the default key policy KMS gives a key created without one (the account root, kms:*). */
    String policyDocument() {
        return policy.orElse("{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + account + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}");
    }

    public FakeKmsKey tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    /** A multi-Region primary key with replicas in {@code replicas}. */
    public FakeKmsKey multiRegionPrimary(String... replicas) {
        this.multiRegion = true;
        this.primaryRegion = Optional.empty();
        this.replicaRegions.clear();
        this.replicaRegions.addAll(List.of(replicas));
        return this;
    }

    /** A multi-Region replica of the same key id in {@code primary}. */
    public FakeKmsKey multiRegionReplicaOf(String primary) {
        this.multiRegion = true;
        this.primaryRegion = Optional.of(primary);
        return this;
    }

    /** DescribeKey's {@code KeyMetadata}, with the members the API Reference documents for this key. */
    ObjectNode metadata() {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("AWSAccountId", account).put("KeyId", keyId).put("Arn", arn())
                .put("CreationDate", epochSeconds(created)).put("Enabled", state.equals("Enabled"))
                .put("Description", description).put("KeyUsage", usage).put("KeyState", state)
                .put("Origin", origin).put("KeyManager", manager).put("CustomerMasterKeySpec", spec)
                .put("KeySpec", spec).put("MultiRegion", multiRegion);
        deletionDate.ifPresent(d -> m.put("DeletionDate", epochSeconds(d)));
        pendingDeletionWindowInDays.ifPresent(d -> m.put("PendingDeletionWindowInDays", d));
        if (origin.equals("EXTERNAL")) {
            m.put("ExpirationModel", validTo.isPresent() ? "KEY_MATERIAL_EXPIRES" : "KEY_MATERIAL_DOES_NOT_EXPIRE");
            validTo.ifPresent(d -> m.put("ValidTo", epochSeconds(d)));
        }
        customKeyStoreId.ifPresent(id -> m.put("CustomKeyStoreId", id));
        if (origin.equals("AWS_CLOUDHSM")) {
            m.put("CloudHsmClusterId", "cluster-1ab2c3d4e5f");
        }
        if (origin.equals("EXTERNAL_KEY_STORE")) {
            m.putObject("XksKeyConfiguration").put("Id", "xks-key-" + keyId);
        }
        switch (usage) {
            case "ENCRYPT_DECRYPT" -> {
                ArrayNode algorithms = m.putArray("EncryptionAlgorithms");
                if (spec.startsWith("RSA_")) {
                    algorithms.add("RSAES_OAEP_SHA_1").add("RSAES_OAEP_SHA_256");
                } else {
                    algorithms.add("SYMMETRIC_DEFAULT");
                }
            }
            case "SIGN_VERIFY" -> {
                ArrayNode algorithms = m.putArray("SigningAlgorithms");
                if (spec.startsWith("ML_DSA_")) {
                    algorithms.add("ML_DSA_SHAKE_256");
                } else if (spec.startsWith("RSA_")) {
                    algorithms.add("RSASSA_PSS_SHA_256").add("RSASSA_PKCS1_V1_5_SHA_256");
                } else {
                    algorithms.add("ECDSA_SHA_256");
                }
            }
            case "GENERATE_VERIFY_MAC" -> m.putArray("MacAlgorithms").add("HMAC_SHA_" + spec.substring(5));
            default -> {
                // KEY_AGREEMENT and others: no algorithm list here
            }
        }
        if (multiRegion) {
            ObjectNode config = m.putObject("MultiRegionConfiguration");
            String primary = primaryRegion.orElse(region);
            config.put("MultiRegionKeyType", primaryRegion.isPresent() ? "REPLICA" : "PRIMARY");
            config.putObject("PrimaryKey").put("Arn", "arn:aws:kms:" + primary + ":" + account + ":key/" + keyId)
                    .put("Region", primary);
            ArrayNode replicas = config.putArray("ReplicaKeys");
            List<String> others = primaryRegion.isPresent() ? List.of(region) : replicaRegions;
            others.forEach(r -> replicas.addObject().put("Arn", "arn:aws:kms:" + r + ":" + account + ":key/" + keyId)
                    .put("Region", r));
        }
        return m;
    }

    /** KMS's JSON dates: seconds since 1970 with a fraction. */
    static BigDecimal epochSeconds(Instant i) {
        return BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9)).stripTrailingZeros();
    }
}
