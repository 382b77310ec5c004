package io.keyledger.core.sweep;

import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.CryptoAsset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what a provider says of a key with the inventory's record, attribute by attribute, in the
 * attribute vocabulary of events, so that a difference becomes a correction event as it is.
 */
final class ObservedAttributes {

    /**
     * One attribute that differs, with the inventory's value and the provider's. A difference that only
     * adds what events cannot tell (usage, or access facts the record has none of yet) is learned, not
     * drift: it is corrected all the same, but the key is not drifted for it.
     */
    record Difference(String attribute, String recorded, String observed, boolean drift) {

        Difference(String attribute, String recorded, String observed) {
            this(attribute, recorded, observed, true);
        }

        @Override
        public String toString() {
            return attribute + " " + (recorded.isEmpty() ? "(none)" : recorded) + " -> " + observed;
        }
    }

    private static final java.time.Duration ROTATION_DATE_TOLERANCE = java.time.Duration.ofMinutes(5);

    /** Access facts: read by sweeps, told by few events; a first reading of them is learned, not drift. */
    private static final Set<KeyAttribute> ACCESS = java.util.EnumSet.of(KeyAttribute.ACCESS_GRANTEES,
            KeyAttribute.ACCESS_EXTERNAL_PRINCIPALS, KeyAttribute.ACCESS_MODEL, KeyAttribute.POLICY_LOCKOUT_RISK);

    /**
     * Told only by listings, never by audit events: a first reading is learned, not drift. When the provider last
     * updated the key is never drift by itself (an event-told change moves it too); what changed is compared apart.
     */
    private static final Set<KeyAttribute> LISTED = java.util.EnumSet.of(KeyAttribute.UPDATED_AT,
            KeyAttribute.DESTRUCTION_REQUESTED_AT, KeyAttribute.DESTRUCTION_DELAY, KeyAttribute.RECOVERY_LEVEL);

    private ObservedAttributes() {
    }

    /** The attributes the provider reports differently from the record (attributes it does not report are not compared). */
    static List<Difference> differences(CryptoAsset asset, Map<String, String> observed) {
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, String> e : observed.entrySet()) {
            String name = e.getKey();
            Optional<KeyAttribute> attribute = KeyAttribute.fromWireName(name);
            Optional<String> recorded = name.startsWith(KeyAttribute.TAG_PREFIX)
                    ? Optional.ofNullable(asset.tags().get(name.substring(KeyAttribute.TAG_PREFIX.length())))
                    : attribute.flatMap(a -> recorded(asset, a));
            if (attribute.isPresent() && grows(attribute.get())) {
                // An aggregate only grows: a listing differs when it names something the record lacks.
                Set<String> has = grown(asset, attribute.get());
                Set<String> want = new TreeSet<>(AttributeValues.list(e.getValue()));
                if (!has.containsAll(want)) {
                    out.add(new Difference(name, String.join(",", has), String.join(",", want),
                            attribute.get() == KeyAttribute.ALIAS_ADD));
                }
                continue;
            }
            if (attribute.isPresent() && attribute.get() == KeyAttribute.LAST_USED_AT) {
                // To the hour, as uses are: a key in use then changes its record hourly at most, not per sweep.
                Instant seen = AttributeValues.instant(e.getValue()).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                if (asset.usageContext().lastUsedAt().filter(at -> !at.isBefore(seen)).isEmpty()) {
                    out.add(new Difference(name, asset.usageContext().lastUsedAt().map(Instant::toString).orElse(""),
                            e.getValue(), false));
                }
                continue;
            }
            if (attribute.isPresent() && attribute.get() == KeyAttribute.PROTECTED_RESOURCE_COUNT) {
                // The rollup keeps the largest count reported: only a larger one is news, and it is learned.
                if (AttributeValues.count(e.getValue()) > asset.usageContext().protects().reported()) {
                    out.add(new Difference(name, Long.toString(asset.usageContext().protects().reported()),
                            e.getValue(), false));
                }
                continue;
            }
            if (attribute.isPresent() && !comparable(attribute.get())) {
                continue;
            }
            if (!same(attribute, recorded.orElse(""), e.getValue())) {
                boolean firstReading = attribute.isPresent() && recorded.orElse("").isEmpty()
                        && (ACCESS.contains(attribute.get()) || LISTED.contains(attribute.get()));
                boolean learned = firstReading || attribute.equals(Optional.of(KeyAttribute.UPDATED_AT));
                out.add(new Difference(name, recorded.orElse(""), e.getValue(), !learned));
            }
        }
        return out;
    }

    /** Attributes that describe the key at the provider, as opposed to notes about the observation. */
    private static boolean comparable(KeyAttribute a) {
        return switch (a) {
            // The operation goes with the last use; categories and principals only grow with events.
            case OBSERVATION, OBSERVATION_NOTE, ALIAS_REMOVE, UNTAG, VERSION_STATE, USED_BY_PRINCIPAL,
                 AI_USAGE_CATEGORY, LAST_OPERATION, ACCESS_GRANTEE_ADD -> false;
            default -> true;
        };
    }

    /** Sets the record only adds to, whatever a listing leaves out. */
    private static boolean grows(KeyAttribute a) {
        return switch (a) {
            case ALIAS_ADD, USED_BY_SERVICE, USED_BY_AI_SERVICE, PROTECTED_RESOURCE -> true;
            default -> false;
        };
    }

    private static Set<String> grown(CryptoAsset a, KeyAttribute attribute) {
        return switch (attribute) {
            case ALIAS_ADD -> a.aliases();
            case USED_BY_SERVICE -> a.usageContext().services();
            case USED_BY_AI_SERVICE -> a.usageContext().aiServices();
            case PROTECTED_RESOURCE -> a.usageContext().protects().names();
            default -> Set.of();
        };
    }

    private static boolean same(Optional<KeyAttribute> attribute, String recorded, String observed) {
        if (recorded.equals(observed)) {
            return true;
        }
        if (attribute.isPresent() && recorded.isEmpty()
                && (attribute.get() == KeyAttribute.ACCESS_GRANTEES || attribute.get() == KeyAttribute.ACCESS_EXTERNAL_PRINCIPALS)) {
            return AttributeValues.list(observed).isEmpty();
        }
        if (attribute.isEmpty() || recorded.isEmpty()) {
            return false;
        }
        try {
            return switch (attribute.get()) {
                case CREATED_AT, DESTRUCTION_SCHEDULED_AT, EXPIRES_AT, NOT_BEFORE, UPDATED_AT, DESTRUCTION_REQUESTED_AT ->
                        AttributeValues.instant(recorded).equals(AttributeValues.instant(observed));
                // A listed rotation is news only when it is later than what the inventory knows (an
                // event's time and the provider's rotation date may differ by moments).
                case LAST_ROTATED_AT -> !AttributeValues.instant(observed)
                        .isAfter(AttributeValues.instant(recorded).plus(ROTATION_DATE_TOLERANCE));
                case ROTATION_PERIOD, DESTRUCTION_DELAY -> AttributeValues.duration(recorded).equals(AttributeValues.duration(observed));
                case ROTATION_ENABLED, MULTI_REGION, POLICY_LOCKOUT_RISK ->
                        AttributeValues.bool(recorded) == AttributeValues.bool(observed);
                case ACCESS_GRANTEES, ACCESS_EXTERNAL_PRINCIPALS -> new TreeSet<>(AttributeValues.list(recorded))
                        .equals(new TreeSet<>(AttributeValues.list(observed)));
                case STATE, KIND, KEY_USAGE, PROTECTION, ORIGIN, MANAGER, RESPONSIBILITY_PARTY ->
                        recorded.equalsIgnoreCase(observed.replace('-', '_'));
                default -> false;
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> recorded(CryptoAsset a, KeyAttribute attribute) {
        return switch (attribute) {
            case STATE -> Optional.of(a.state().name());
            case NATIVE_STATE -> Optional.of(a.nativeState());
            case KIND -> Optional.of(a.kind().name());
            case ALGORITHM -> Optional.of(a.algorithm());
            case NATIVE_SPEC -> a.nativeSpec();
            case KEY_USAGE -> Optional.of(a.keyUsage().name());
            case PROTECTION -> Optional.of(a.protection().name());
            case ORIGIN -> Optional.of(a.origin().name());
            case MANAGER -> Optional.of(a.manager().name());
            case DESCRIPTION -> a.description();
            case OWNER -> a.owner();
            case ROTATION_ENABLED -> Optional.of(Boolean.toString(a.rotation().enabled()));
            case ROTATION_PERIOD -> a.rotation().period().map(Object::toString);
            case LAST_ROTATED_AT -> a.dates().lastRotatedAt().map(Instant::toString);
            case CREATED_AT -> a.dates().createdAt().map(Instant::toString);
            case DESTRUCTION_SCHEDULED_AT -> a.dates().destructionScheduledAt().map(Instant::toString);
            case EXPIRES_AT -> a.dates().expiresAt().map(Instant::toString);
            case UPDATED_AT -> a.dates().updatedAt().map(Instant::toString);
            case DESTRUCTION_REQUESTED_AT -> a.dates().destructionRequestedAt().map(Instant::toString);
            case DESTRUCTION_DELAY -> a.destruction().delay().map(Object::toString);
            case RECOVERY_LEVEL -> a.destruction().recoveryLevel();
            case NOT_BEFORE -> a.dates().activatedAt().map(Instant::toString);
            case CUSTOM_KEY_STORE -> a.keyStore();
            case MULTI_REGION -> Optional.of(Boolean.toString(a.multiRegion()));
            case REPLICA_OF -> a.replicaOf();
            case CLASSIFICATION -> a.regulatory().classification();
            case JURISDICTION -> a.regulatory().jurisdiction();
            case RETENTION_CLASS -> a.regulatory().retentionClass();
            case CHANGE_REFERENCE -> a.regulatory().changeReference();
            case RESPONSIBILITY_PARTY -> Optional.of(a.responsibility().party().name());
            case RESPONSIBILITY_MODE -> a.responsibility().mode();
            case ACCESS_GRANTEES -> Optional.of(String.join(",", a.access().grantees()));
            case ACCESS_EXTERNAL_PRINCIPALS -> Optional.of(String.join(",", a.access().externalPrincipals()));
            case ACCESS_MODEL -> a.access().model();
            case POLICY_LOCKOUT_RISK -> a.access().policyLockoutRisk().map(Object::toString);
            default -> Optional.empty();
        };
    }
}
