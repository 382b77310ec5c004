package io.keyledger.functions.report;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.report.AlgorithmProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.crypto.AlgorithmProperties;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.RelatedCryptoMaterialProperties;
import org.cyclonedx.model.component.crypto.SecuredBy;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Primitive;
import org.cyclonedx.model.component.crypto.enums.RelatedCryptoMaterialType;
import org.cyclonedx.model.component.crypto.enums.State;

/**
 * How a key record becomes CycloneDX 1.6 components (docs/REPORTS.md has the table): the key is a
 * {@code cryptographic-asset} of asset type {@code related-crypto-material}, referring to one
 * {@code algorithm} asset per algorithm and primitive. Never a {@code value}: KeyLedger holds no key
 * material, and the CBOM says so by leaving the field out.
 */
final class CbomMapping {

    static final String PROPERTY_PREFIX = "keyledger:";

    private CbomMapping() {
    }

    /** One algorithm asset: the algorithm as the inventory names it, used as {@code primitive}. */
    record AlgorithmAsset(String algorithm, Primitive primitive) {

        String bomRef() {
            return "keyledger:algorithm:" + algorithm + ":" + primitive.getName();
        }
    }

    static AlgorithmAsset algorithmOf(CryptoAsset key) {
        return new AlgorithmAsset(key.algorithm(), primitive(AlgorithmProfile.of(key.algorithm()), key.keyUsage()));
    }

    static Component keyComponent(CryptoAsset key, AlgorithmAsset algorithm, boolean legalHold) {
        AlgorithmProfile profile = AlgorithmProfile.of(key.algorithm());
        RelatedCryptoMaterialProperties material = new RelatedCryptoMaterialProperties();
        material.setType(materialType(key.kind()));
        material.setId(key.id());
        state(key.state()).ifPresent(material::setState);
        material.setAlgorithmRef(algorithm.bomRef());
        key.dates().createdAt().map(Instant::toString).ifPresent(material::setCreationDate);
        key.dates().activatedAt().map(Instant::toString).ifPresent(material::setActivationDate);
        key.dates().lastRotatedAt().map(Instant::toString).ifPresent(material::setUpdateDate);
        key.dates().expiresAt().map(Instant::toString).ifPresent(material::setExpirationDate);
        if (profile.keyBits().isPresent()) {
            material.setSize(profile.keyBits().getAsInt());
        }
        mechanism(key).ifPresent(m -> {
            SecuredBy securedBy = new SecuredBy();
            securedBy.setMechanism(m);
            material.setSecuredBy(securedBy);
        });
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.RELATED_CRYPTO_MATERIAL);
        crypto.setRelatedCryptoMaterialProperties(material);

        Component c = new Component();
        c.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        c.setBomRef(key.id());
        c.setName(name(key));
        key.description().ifPresent(c::setDescription);
        c.setCryptoProperties(crypto);
        c.setProperties(properties(key, legalHold));
        return c;
    }

    /** @param functions what the keys of this algorithm and primitive are used for, all of them together */
    static Component algorithmComponent(AlgorithmAsset a, Set<CryptoFunction> functions) {
        AlgorithmProfile p = AlgorithmProfile.of(a.algorithm());
        AlgorithmProperties props = new AlgorithmProperties();
        props.setPrimitive(a.primitive());
        p.parameterSet().ifPresent(props::setParameterSetIdentifier);
        p.curve().map(CbomMapping::curveName).ifPresent(props::setCurve);
        if (!functions.isEmpty()) {
            props.setCryptoFunctions(List.copyOf(functions));
        }
        if (p.classicalBits().isPresent()) {
            props.setClassicalSecurityLevel(p.classicalBits().getAsInt());
        }
        if (p.quantumCategory().isPresent()) {
            props.setNistQuantumSecurityLevel(p.quantumCategory().getAsInt());
        }
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.ALGORITHM);
        crypto.setAlgorithmProperties(props);
        Component c = new Component();
        c.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        c.setBomRef(a.bomRef());
        c.setName(a.algorithm());
        c.setCryptoProperties(crypto);
        c.setProperties(List.of(new Property(PROPERTY_PREFIX + "quantumVulnerable", switch (p.exposure()) {
            case VULNERABLE -> "true";
            case NOT_VULNERABLE -> "false";
            case UNKNOWN -> "unknown";
        })));
        return c;
    }

    /**
     * CycloneDX has the six NIST SP 800-57 states; a key destroyed after a compromise is reported as
     * compromised, since that is what a reader of the CBOM must act on (data it protected is exposed),
     * and its destruction shows in {@code keyledger:lifecycleState} and {@code keyledger:destroyedAt}. A
     * state not known yet is left out.
     */
    static Optional<State> state(LifecycleState s) {
        return Optional.ofNullable(switch (s) {
            case PRE_ACTIVATION -> State.PRE_ACTIVATION;
            case ACTIVE -> State.ACTIVE;
            case SUSPENDED -> State.SUSPENDED;
            case DEACTIVATED -> State.DEACTIVATED;
            case COMPROMISED, DESTROYED_COMPROMISED -> State.COMPROMISED;
            case DESTROYED -> State.DESTROYED;
            case UNKNOWN -> null;
        });
    }

    /** A symmetric or HMAC key is a secret key; a provider's asymmetric key is the private half it keeps. */
    static RelatedCryptoMaterialType materialType(KeyKind kind) {
        return switch (kind) {
            case SYMMETRIC, HMAC -> RelatedCryptoMaterialType.SECRET_KEY;
            case ASYMMETRIC -> RelatedCryptoMaterialType.PRIVATE_KEY;
            case UNKNOWN -> RelatedCryptoMaterialType.KEY;
        };
    }

    static Optional<String> mechanism(CryptoAsset key) {
        return switch (key.protection()) {
            case HSM -> Optional.of("HSM");
            case SOFTWARE -> Optional.of("Software");
            case EXTERNAL -> Optional.of("External");
            case UNKNOWN -> Optional.empty();
        };
    }

    static Primitive primitive(AlgorithmProfile p, KeyUsage usage) {
        return switch (p.family()) {
            case AES -> Primitive.BLOCK_CIPHER;
            case HMAC -> Primitive.MAC;
            case ML_KEM, HYBRID_KEM -> Primitive.KEM;
            case ML_DSA, SLH_DSA, EDDSA -> Primitive.SIGNATURE;
            case RSA, EC, SM2 -> switch (usage) {
                case SIGN_VERIFY -> Primitive.SIGNATURE;
                case KEY_AGREEMENT -> Primitive.KEY_AGREE;
                case ENCRYPT_DECRYPT, WRAP_UNWRAP -> Primitive.PKE;
                default -> Primitive.UNKNOWN;
            };
            case UNKNOWN -> Primitive.UNKNOWN;
        };
    }

    /** The functions a key of this algorithm serves, from its usage. */
    static List<CryptoFunction> functions(CryptoAsset key) {
        return functions(AlgorithmProfile.of(key.algorithm()), key.keyUsage());
    }

    static List<CryptoFunction> functions(AlgorithmProfile p, KeyUsage usage) {
        if (p.family() == AlgorithmProfile.Family.ML_KEM || p.family() == AlgorithmProfile.Family.HYBRID_KEM) {
            return List.of(CryptoFunction.ENCAPSULATE, CryptoFunction.DECAPSULATE);
        }
        return switch (usage) {
            case ENCRYPT_DECRYPT, WRAP_UNWRAP -> List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT);
            case SIGN_VERIFY -> List.of(CryptoFunction.SIGN, CryptoFunction.VERIFY);
            case GENERATE_VERIFY_MAC -> List.of(CryptoFunction.TAG, CryptoFunction.VERIFY);
            case KEY_AGREEMENT -> List.of(CryptoFunction.KEYDERIVE);
            case KEY_ENCAPSULATION -> List.of(CryptoFunction.ENCAPSULATE, CryptoFunction.DECAPSULATE);
            case UNKNOWN -> List.of();
        };
    }

    /** Curve names as the std-curves catalogue (which CycloneDX recommends) spells them. */
    static String curveName(String curve) {
        return switch (curve) {
            case "P-224", "P-256", "P-384", "P-521" -> "nist/" + curve;
            case "secp256k1" -> "secg/secp256k1";
            case "SM2" -> "oscaa/SM2";
            default -> "other/" + curve;
        };
    }

    /** A name a person recognises: the first alias, else the last part of the provider's identifier. */
    static String name(CryptoAsset key) {
        if (!key.aliases().isEmpty()) {
            return key.aliases().iterator().next();
        }
        String nativeId = key.ref().nativeId();
        int cut = Math.max(nativeId.lastIndexOf('/'), nativeId.lastIndexOf(':'));
        return cut >= 0 && cut < nativeId.length() - 1 ? nativeId.substring(cut + 1) : nativeId;
    }

    /** The bom-ref of a resource a key protects: one component per key and resource. */
    static String resourceRef(CryptoAsset key, String resource) {
        return key.id() + "#protects:" + resource;
    }

    /**
     * A resource a key protects, as a component of type {@code data} that depends on the key (the
     * CBOM's {@code dependencies}): what a reader must check before taking the key away.
     */
    static Component resourceComponent(CryptoAsset key, String resource) {
        Component c = new Component();
        c.setType(Component.Type.DATA);
        c.setBomRef(resourceRef(key, resource));
        c.setName(resource);
        c.setProperties(List.of(new Property(PROPERTY_PREFIX + "protectedBy", key.id())));
        return c;
    }

    /** The bom-ref of the key store holding a key. */
    static Optional<String> keyStoreRef(CryptoAsset key) {
        return io.keyledger.core.keystore.KeyStoreInventory.namedBy(key).map(o -> o.ref().id());
    }

    /** A key store or HSM as a component of type {@code device}, which its keys depend on. */
    static Component keyStoreComponent(io.keyledger.core.keystore.KeyStoreRecord store) {
        Component c = new Component();
        c.setType(Component.Type.DEVICE);
        c.setBomRef(store.id());
        c.setName(store.nameValue().orElse(store.ref().nativeId()));
        List<Property> props = new ArrayList<>();
        add(props, "keyStoreKind", store.kindOrUnknown().name());
        add(props, "provider", store.ref().provider().code());
        add(props, "account", store.ref().accountScope());
        add(props, "location", store.ref().location());
        add(props, "nativeId", store.ref().nativeId());
        add(props, "state", store.stateValue());
        add(props, "backing", store.backingValue());
        add(props, "partiallyObserved", Boolean.toString(store.partiallyObserved()));
        c.setProperties(props);
        return c;
    }

    /** Every KeyLedger attribute CycloneDX has no field for, as {@code keyledger:*} properties; absent ones left out. */
    static List<Property> properties(CryptoAsset k, boolean legalHold) {
        List<Property> out = new ArrayList<>();
        add(out, "tenant", k.tenant());
        add(out, "provider", k.provider().code());
        add(out, "account", k.ref().accountScope());
        add(out, "location", k.ref().location());
        add(out, "nativeId", k.ref().nativeId());
        add(out, "lifecycleState", k.state().name());
        add(out, "nativeState", k.nativeState());
        add(out, "nativeSpec", k.nativeSpec());
        add(out, "algorithm", k.algorithm());
        add(out, "kind", k.kind().name());
        add(out, "keyUsage", k.keyUsage().name());
        add(out, "protection", k.protection().name());
        add(out, "origin", k.origin().name());
        add(out, "manager", k.manager().name());
        add(out, "owner", k.owner());
        add(out, "ownerBasis", k.ownership().basis().name());
        add(out, "aliases", String.join(";", k.aliases()));
        for (Map.Entry<String, String> tag : k.tags().entrySet()) {
            add(out, "tag:" + tag.getKey(), tag.getValue());
        }
        add(out, "rotationEnabled", Boolean.toString(k.rotation().enabled()));
        add(out, "rotationPeriod", k.rotation().period().map(Duration::toString));
        add(out, "nextRotationAt", instant(k.dates().nextRotationAt()));
        add(out, "destructionRequestedAt", instant(k.dates().destructionRequestedAt()));
        add(out, "destructionScheduledAt", instant(k.dates().destructionScheduledAt()));
        add(out, "destroyedAt", instant(k.dates().destroyedAt()));
        add(out, "destructionDelay", k.destruction().delay().map(Duration::toString));
        add(out, "recoveryLevel", k.destruction().recoveryLevel());
        add(out, "updatedAt", instant(k.dates().updatedAt()));
        add(out, "versions", k.versions().isEmpty() ? "" : Integer.toString(k.versions().size()));
        add(out, "usageServices", String.join(";", k.usageContext().services()));
        add(out, "aiUsage", Boolean.toString(k.usageContext().aiUsage()));
        add(out, "aiServices", String.join(";", k.usageContext().aiServices()));
        add(out, "aiCategories", String.join(";", k.usageContext().aiCategories().stream().map(Enum::name).toList()));
        add(out, "lastUsedAt", instant(k.usageContext().lastUsedAt()));
        add(out, "lastOperation", k.usageContext().lastOperation());
        add(out, "protectedResources", k.usageContext().protects().isEmpty() ? ""
                : Long.toString(k.usageContext().protects().count()));
        add(out, "grantees", String.join(";", k.access().grantees()));
        add(out, "externalPrincipals", String.join(";", k.access().externalPrincipals()));
        add(out, "policyLockoutRisk", k.access().policyLockoutRisk().map(Object::toString));
        add(out, "responsibilityParty", k.responsibility().party().name());
        add(out, "responsibilityMode", k.responsibility().mode());
        add(out, "responsibilityBasis", k.responsibility().basis().name());
        add(out, "responsibilityRule", k.responsibility().rule());
        add(out, "classification", k.regulatory().classification());
        add(out, "jurisdiction", k.regulatory().jurisdiction());
        add(out, "retentionClass", k.regulatory().retentionClass());
        add(out, "legalHold", Boolean.toString(legalHold));
        add(out, "multiRegion", k.multiRegion() ? "true" : "");
        add(out, "replicaOf", k.replicaOf());
        add(out, "keyStore", k.keyStore());
        add(out, "observation", k.provenance().observation().name());
        add(out, "observationNote", k.provenance().observationNote());
        add(out, "unknownAttributes", String.join(";", k.provenance().unknownAttributes()));
        add(out, "firstSeenAt", k.provenance().firstSeenAt().toString());
        add(out, "lastEventAt", k.provenance().lastEventAt().toString());
        add(out, "lastSweptAt", instant(k.provenance().lastSweptAt()));
        add(out, "retainedUntil", instant(k.retainedUntil()));
        return out;
    }

    private static Optional<String> instant(Optional<Instant> v) {
        return v.map(Instant::toString);
    }

    private static void add(List<Property> out, String name, Optional<String> value) {
        value.ifPresent(v -> add(out, name, v));
    }

    private static void add(List<Property> out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Property(PROPERTY_PREFIX + name, value));
        }
    }
}
