package io.keyledger.testkit.sweep;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Simulated AWS KMS keys, with the attributes the AWS adapter reads from ListKeys, ListAliases,
 * DescribeKey, GetKeyRotationStatus and ListResourceTags: mostly enabled symmetric keys, some disabled,
 * pending deletion or awaiting imported material, asymmetric and HMAC keys, AWS-managed keys, tags,
 * aliases and rotation. A few keys cannot be described (their key policy denies the sweep's role) and
 * are known only from the listing; a few carry key material versions, in the states of their key, so
 * that the reconciler's per-version comparison is exercised too.
 */
public final class GeneratedKeys {

    public static final int UNREADABLE_PERCENT = 2;
    public static final int VERSIONED_PERCENT = 5;

    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2",
            "ap-southeast-2");
    private static final long FIRST_ACCOUNT = 210_987_654_321L;
    private static final List<String> OWNERS = List.of("payments", "identity", "data-platform", "ml-training", "crm",
            "billing", "search");
    private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");
    private static final List<String> AWS_SERVICES = List.of("s3", "ebs", "rds", "lambda", "secretsmanager");
    private static final Instant OLDEST = Instant.parse("2022-01-01T00:00:00Z");
    private static final int CREATION_SPREAD_SECONDS = 4 * 365 * 24 * 3600;
    private static final Instant DELETIONS_FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final String DENIED = "DescribeKey: AccessDeniedException: the key policy does not allow "
            + "kms:DescribeKey to the sweep's role";

    private GeneratedKeys() {
    }

    /** The {@code i}th scope: accounts of five regions each, as an organisation's sweep lists them. */
    public static SweepScope scope(int i) {
        return new SweepScope(Provider.AWS, String.format("%012d", FIRST_ACCOUNT + i / REGIONS.size()),
                REGIONS.get(i % REGIONS.size()));
    }

    /** {@code count} keys of {@code scope}; the same random sequence gives the same keys. */
    public static List<ObservedKey> of(SweepScope scope, int count, Random random) {
        List<ObservedKey> keys = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            keys.add(key(scope, n, random));
        }
        return keys;
    }

    private static ObservedKey key(SweepScope scope, int n, Random random) {
        KeyRef ref = new KeyRef(Provider.AWS, scope.account(), scope.location(), "arn:aws:kms:" + scope.location()
                + ":" + scope.account() + ":key/" + new UUID(random.nextLong(), random.nextLong()));
        Map<String, String> listed = new LinkedHashMap<>();
        if (random.nextInt(100) < UNREADABLE_PERCENT) {
            if (random.nextBoolean()) {
                listed.put(KeyAttribute.ALIAS_ADD.wireName(), "alias/restricted-" + n);
            }
            return new ObservedKey(ref, listed, List.of(), Optional.of(DENIED));
        }
        Described d = Described.roll(random);
        Map<String, String> a = new LinkedHashMap<>();
        Instant created = OLDEST.plusSeconds(random.nextInt(CREATION_SPREAD_SECONDS));
        a.put(KeyAttribute.NATIVE_STATE.wireName(), d.nativeState());
        a.put(KeyAttribute.STATE.wireName(), d.state().name());
        a.put(KeyAttribute.NATIVE_SPEC.wireName(), d.spec().nativeName);
        a.put(KeyAttribute.ALGORITHM.wireName(), d.spec().algorithm);
        a.put(KeyAttribute.KIND.wireName(), d.spec().kind);
        a.put(KeyAttribute.KEY_USAGE.wireName(), d.spec().usage);
        a.put(KeyAttribute.ORIGIN.wireName(), d.imported() ? "IMPORTED" : "GENERATED");
        a.put(KeyAttribute.PROTECTION.wireName(), "HSM");
        a.put(KeyAttribute.MANAGER.wireName(), d.awsManaged() ? "PROVIDER" : "CUSTOMER");
        a.put(KeyAttribute.CREATED_AT.wireName(), created.toString());
        a.put(KeyAttribute.MULTI_REGION.wireName(), Boolean.toString(random.nextInt(100) < 2));
        if (d.state() == LifecycleState.DEACTIVATED) {
            a.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(),
                    DELETIONS_FROM.plus(Duration.ofDays(random.nextInt(30))).toString());
        }
        if (d.spec() == Spec.SYMMETRIC && !d.imported()) {
            // GetKeyRotationStatus answers for symmetric keys of KMS-generated material only.
            boolean rotates = d.awsManaged() || random.nextInt(100) < 70;
            a.put(KeyAttribute.ROTATION_ENABLED.wireName(), Boolean.toString(rotates));
            if (rotates) {
                a.put(KeyAttribute.ROTATION_PERIOD.wireName(), random.nextInt(100) < 80 ? "P365D" : "P90D");
            }
        }
        if (d.awsManaged()) {
            String service = AWS_SERVICES.get(random.nextInt(AWS_SERVICES.size()));
            a.put(KeyAttribute.DESCRIPTION.wireName(), "Default key that protects my " + service
                    + " data when no other key is defined");
            a.put(KeyAttribute.ALIAS_ADD.wireName(), "alias/aws/" + service);
        } else {
            customerMetadata(a, n, random);
        }
        return new ObservedKey(ref, a, versions(d, created, random), Optional.empty());
    }

    /** Description, owner tags and an alias, as a team's infrastructure code sets them. */
    private static void customerMetadata(Map<String, String> a, int n, Random random) {
        String owner = OWNERS.get(random.nextInt(OWNERS.size()));
        String environment = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
        if (random.nextInt(100) < 90) {
            a.put(KeyAttribute.DESCRIPTION.wireName(), owner + " " + environment + " data key " + n);
        }
        a.put(KeyAttribute.TAG_PREFIX + "Owner", owner);
        a.put(KeyAttribute.TAG_PREFIX + "Environment", environment);
        if (random.nextBoolean()) {
            a.put(KeyAttribute.TAG_PREFIX + "CostCenter", "cc-" + (1000 + random.nextInt(200)));
        }
        if (random.nextInt(100) < 40) {
            a.put(KeyAttribute.ALIAS_ADD.wireName(), "alias/" + owner + "-" + environment + "-" + n);
        }
    }

    /**
     * Key material versions of a key rotated on demand, each in its key's state and native state: the
     * projection lets a key's versions decide its state, so versions out of step with their key would
     * make every sweep find drift.
     */
    private static List<KeyVersion> versions(Described d, Instant created, Random random) {
        if (d.state() == LifecycleState.PRE_ACTIVATION || random.nextInt(100) >= VERSIONED_PERCENT) {
            return List.of();
        }
        int count = 2 + random.nextInt(2);
        List<KeyVersion> out = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            out.add(new KeyVersion(Integer.toString(v), d.state(), d.nativeState(),
                    Optional.of(created.plus(Duration.ofDays(180L * (v - 1))))));
        }
        return out;
    }

    /** AWS key specs, with the algorithm, kind and usage the adapter derives from them. */
    private enum Spec {
        SYMMETRIC("SYMMETRIC_DEFAULT", "AES-256", "SYMMETRIC", "ENCRYPT_DECRYPT"),
        RSA_2048("RSA_2048", "RSA-2048", "ASYMMETRIC", "ENCRYPT_DECRYPT"),
        RSA_4096("RSA_4096", "RSA-4096", "ASYMMETRIC", "SIGN_VERIFY"),
        ECC_P256("ECC_NIST_P256", "EC-P256", "ASYMMETRIC", "SIGN_VERIFY"),
        HMAC_256("HMAC_256", "HMAC-SHA256", "HMAC", "GENERATE_VERIFY_MAC");

        final String nativeName;
        final String algorithm;
        final String kind;
        final String usage;

        Spec(String nativeName, String algorithm, String kind, String usage) {
            this.nativeName = nativeName;
            this.algorithm = algorithm;
            this.kind = kind;
            this.usage = usage;
        }

        static Spec roll(Random random) {
            int r = random.nextInt(100);
            return r < 70 ? SYMMETRIC : r < 80 ? RSA_2048 : r < 88 ? RSA_4096 : r < 95 ? ECC_P256 : HMAC_256;
        }
    }

    /** The DescribeKey facts the other attributes depend on. */
    private record Described(Spec spec, String nativeState, LifecycleState state, boolean imported,
                             boolean awsManaged) {

        static Described roll(Random random) {
            Spec spec = Spec.roll(random);
            int r = random.nextInt(100);
            if (r >= 98) {
                // Created for imported material that has not been imported yet.
                return new Described(Spec.SYMMETRIC, "PendingImport", LifecycleState.PRE_ACTIVATION, true, false);
            }
            String nativeState = r < 88 ? "Enabled" : r < 95 ? "Disabled" : "PendingDeletion";
            LifecycleState state = r < 88 ? LifecycleState.ACTIVE
                    : r < 95 ? LifecycleState.SUSPENDED : LifecycleState.DEACTIVATED;
            boolean imported = spec == Spec.SYMMETRIC && random.nextInt(100) < 3;
            boolean awsManaged = spec == Spec.SYMMETRIC && !imported && state == LifecycleState.ACTIVE
                    && random.nextInt(100) < 5;
            return new Described(spec, nativeState, state, imported, awsManaged);
        }
    }
}
