package io.keyledger.bench;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** What each cloud calls its keys, states, operations and principals, for the simulated event stream. */
final class SimulatedKeys {

    private static final List<String> OWNERS = List.of("payments", "identity", "data-platform", "ml-training", "crm");
    private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");

    private SimulatedKeys() {
    }

    /** The {@code n}th key, spread over the three providers. */
    static KeyRef key(int n) {
        return switch (n % 3) {
            case 0 -> new KeyRef(Provider.AWS, "123456789012", "eu-west-1",
                    "arn:aws:kms:eu-west-1:123456789012:key/" + uuid(n));
            case 1 -> new KeyRef(Provider.AZURE, "contoso.onmicrosoft.com/8f2c1b7e-sub", "kv-ledger-prod",
                    "https://kv-ledger-prod.vault.azure.net/keys/key-" + n);
            default -> new KeyRef(Provider.GCP, "ledger-prod-4711", "europe-west1/app-keys",
                    "projects/ledger-prod-4711/locations/europe-west1/keyRings/app-keys/cryptoKeys/key-" + n);
        };
    }

    /** The attributes a creation event carries: kind, algorithm, usage, protection, owner tags, rotation. */
    static Map<String, String> creationAttributes(KeyRef key, int n, Random random) {
        Map<String, String> a = new LinkedHashMap<>();
        boolean symmetric = n % 5 != 0;
        a.put("kind", symmetric ? "SYMMETRIC" : "ASYMMETRIC");
        a.put("algorithm", symmetric ? "AES-256" : "RSA-3072");
        a.put("nativeSpec", symmetric ? "SYMMETRIC_DEFAULT" : "RSA_3072");
        a.put("keyUsage", symmetric ? "ENCRYPT_DECRYPT" : "SIGN_VERIFY");
        a.put("protection", n % 7 == 0 ? "HSM" : "SOFTWARE");
        a.put("origin", "GENERATED");
        a.put("manager", "CUSTOMER");
        a.put("nativeState", nativeState(key.provider(), LifecycleState.ACTIVE));
        a.put("description", "application key " + n);
        a.put("tag.Owner", OWNERS.get(random.nextInt(OWNERS.size())));
        a.put("tag.Environment", ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size())));
        if (symmetric) {
            a.put("rotation.enabled", "true");
            a.put("rotation.period", "P365D");
        }
        return a;
    }

    static String nativeState(Provider provider, LifecycleState state) {
        return switch (provider) {
            case AWS -> switch (state) {
                case SUSPENDED -> "Disabled";
                case DEACTIVATED -> "PendingDeletion";
                default -> "Enabled";
            };
            case AZURE -> switch (state) {
                case SUSPENDED -> "disabled";
                case DEACTIVATED -> "deleted";
                default -> "enabled";
            };
            case GCP -> switch (state) {
                case SUSPENDED -> "DISABLED";
                case DEACTIVATED -> "DESTROY_SCHEDULED";
                default -> "ENABLED";
            };
        };
    }

    /** The provider's own operation name for an action, as kept in the event's source pointer. */
    static String operation(Provider provider, Action action) {
        return switch (provider) {
            case AWS -> switch (action) {
                case CREATE -> "CreateKey";
                case TAG -> "TagResource";
                case ALIAS -> "CreateAlias";
                case DISABLE -> "DisableKey";
                case ENABLE -> "EnableKey";
                case ROTATE -> "RotateKeyOnDemand";
                case ROTATION_POLICY -> "EnableKeyRotation";
                case SCHEDULE_DESTRUCTION -> "ScheduleKeyDeletion";
                default -> "CancelKeyDeletion";
            };
            case AZURE -> switch (action) {
                case CREATE -> "KeyCreate";
                case ROTATE -> "KeyRotate";
                case ROTATION_POLICY -> "KeyRotationPolicyUpdate";
                case SCHEDULE_DESTRUCTION -> "KeyDelete";
                case RECOVER -> "KeyRecover";
                default -> "KeyUpdate";
            };
            case GCP -> switch (action) {
                case CREATE -> "CreateCryptoKey";
                case ROTATE -> "CreateCryptoKeyVersion";
                case DISABLE, ENABLE -> "UpdateCryptoKeyVersion";
                case SCHEDULE_DESTRUCTION -> "DestroyCryptoKeyVersion";
                case CANCEL_DESTRUCTION -> "RestoreCryptoKeyVersion";
                default -> "UpdateCryptoKey";
            };
        };
    }

    /** The channel each provider's events come through, for the source pointer. */
    static String channel(Provider provider) {
        return switch (provider) {
            case AWS -> "eventbridge";
            case AZURE -> "azure-audit";
            case GCP -> "gcp-audit";
        };
    }

    static Actor actor(Provider provider, Random random) {
        Optional<String> ip = Optional.of("10.20." + random.nextInt(256) + "." + random.nextInt(256));
        return switch (provider) {
            case AWS -> new Actor("arn:aws:iam::123456789012:role/KeyCustodian", ActorType.ROLE, ip,
                    Optional.of("aws-cli/2.17.4 Python/3.11"), Optional.empty());
            case AZURE -> new Actor("alice@contoso.com", ActorType.USER, ip,
                    Optional.of("azsdk-java-security-keyvault-keys/4.9.0"), Optional.empty());
            case GCP -> new Actor("terraform@ledger-prod-4711.iam.gserviceaccount.com", ActorType.SERVICE, ip,
                    Optional.of("google-api-go-client/0.5 Terraform/1.9.0"), Optional.empty());
        };
    }

    private static String uuid(int n) {
        return new java.util.UUID(0x5eed_0000_0000_4000L + n, 0x8000_0000_0000_0000L + n).toString();
    }
}
