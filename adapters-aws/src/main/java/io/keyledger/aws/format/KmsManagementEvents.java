package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key events of KMS management operations (the KEY_EVENT rows of {@link KmsOperation}). */
final class KmsManagementEvents {

    private static final String ORIGIN_EXTERNAL = "EXTERNAL";
    private static final String DOES_NOT_EXPIRE = "KEY_MATERIAL_DOES_NOT_EXPIRE";
    private static final long DEFAULT_DELETION_WINDOW_DAYS = 30;
    private static final long DEFAULT_ROTATION_PERIOD_DAYS = 365;

    private KmsManagementEvents() {
    }

    static List<DecodedRecord> decode(KmsOperation op, KmsCall call) {
        return switch (op) {
            case CREATE_KEY -> createKey(call);
            case REPLICATE_KEY -> replicateKey(call);
            case UPDATE_PRIMARY_REGION -> updatePrimaryRegion(call);
            case CREATE_ALIAS -> aliasOnTarget(call, KeyAttribute.ALIAS_ADD);
            case DELETE_ALIAS -> aliasOnResource(call);
            case UPDATE_ALIAS -> updateAlias(call);
            default -> single(op, call);
        };
    }

    private static List<DecodedRecord> single(KmsOperation op, KmsCall call) {
        Optional<KeyArn> key = call.mainKey();
        if (key.isEmpty()) {
            return call.withoutKey();
        }
        Map<String, String> attributes = call.succeeded() ? attributes(op, call) : Map.of();
        return List.of(call.event(op.action().orElseThrow(), key.get(), attributes));
    }

    private static Map<String, String> attributes(KmsOperation op, KmsCall call) {
        Map<String, String> out = new LinkedHashMap<>();
        op.nativeState().ifPresent(s -> KmsKeyMetadata.putState(out, s.nativeName()));
        RecordFields request = call.requestOrEmpty();
        ChangeTickets.of(request).ifPresent(t -> out.put(KeyAttribute.CHANGE_REFERENCE.wireName(), t));
        switch (op) {
            case SCHEDULE_KEY_DELETION -> scheduleDeletion(call, request, out);
            case IMPORT_KEY_MATERIAL -> {
                if (!DOES_NOT_EXPIRE.equals(request.text("expirationModel").orElse(""))) {
                    request.instant("validTo")
                            .ifPresent(at -> out.put(KeyAttribute.EXPIRES_AT.wireName(), at.toString()));
                }
            }
            case ENABLE_KEY_ROTATION -> {
                long days = request.integer("rotationPeriodInDays").orElse(DEFAULT_ROTATION_PERIOD_DAYS);
                if (days <= 0) {
                    throw new RecordFormatException(request.pathOf("rotationPeriodInDays"), "must be positive, was " + days);
                }
                out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "true");
                out.put(KeyAttribute.ROTATION_PERIOD.wireName(), "P" + days + "D");
            }
            case DISABLE_KEY_ROTATION -> out.put(KeyAttribute.ROTATION_ENABLED.wireName(), "false");
            case CREATE_GRANT -> {
                out.putAll(CallerUsage.of(call.record()).attributes());
                request.text("granteePrincipal").filter(g -> !g.isBlank() && !g.contains(","))
                        .ifPresent(g -> out.put(KeyAttribute.ACCESS_GRANTEE_ADD.wireName(), g.trim()));
                List<String> protects = ContextResources.of(call.record(), call.region(), call.account());
                if (!protects.isEmpty()) {
                    out.put(KeyAttribute.PROTECTED_RESOURCE.wireName(), String.join(",", protects));
                }
            }
            case PUT_KEY_POLICY -> policy(call, request, out);
            case TAG_RESOURCE -> out.putAll(KeyTags.attributes(request.objects("tags"), KmsKeyMetadata.Naming.CAMEL));
            case UNTAG_RESOURCE -> {
                List<String> names = request.texts("tagKeys");
                if (!names.isEmpty()) {
                    out.put(KeyAttribute.UNTAG.wireName(), String.join(",", names));
                }
            }
            case UPDATE_KEY_DESCRIPTION -> out.put(KeyAttribute.DESCRIPTION.wireName(),
                    request.text("description").orElse(""));
            default -> {
                // the action (and native state) say it all
            }
        }
        return out;
    }

    /** The lock-out and cross-account analysis of a key policy the call sets (a policy that is no JSON says nothing). */
    private static void policy(KmsCall call, RecordFields request, Map<String, String> out) {
        Optional<String> account = call.mainKey().map(KeyArn::account).or(call::account);
        Optional<String> policy = request.text("policy");
        if (account.isPresent() && policy.isPresent()) {
            KeyPolicyAnalysis.of(policy.get(), account.get()).ifPresent(a -> out.putAll(a.attributes()));
        }
    }

    private static void scheduleDeletion(KmsCall call, RecordFields request, Map<String, String> out) {
        Optional<RecordFields> response = call.response();
        String state = response.flatMap(r -> r.text("keyState")).filter(s -> !s.isBlank())
                .orElse(KmsKeyState.PENDING_DELETION.nativeName());
        KmsKeyMetadata.putState(out, state);
        if (KmsKeyState.PENDING_REPLICA_DELETION.nativeName().equals(state)) {
            return; // deleted only once its replicas are: no date yet
        }
        Optional<Instant> date = response.flatMap(r -> r.instant("deletionDate"));
        if (date.isEmpty()) {
            long days = request.integer("pendingWindowInDays").orElse(DEFAULT_DELETION_WINDOW_DAYS);
            date = Optional.of(call.eventTime().plus(Duration.ofDays(days)));
        }
        out.put(KeyAttribute.DESTRUCTION_SCHEDULED_AT.wireName(), date.get().toString());
    }

    private static List<DecodedRecord> createKey(KmsCall call) {
        Optional<KeyArn> key = call.mainKey();
        if (key.isEmpty()) {
            return call.withoutKey();
        }
        if (!call.succeeded()) {
            return List.of(call.event(Action.CREATE, key.get(), Map.of()));
        }
        RecordFields request = call.requestOrEmpty();
        Map<String, String> out = new LinkedHashMap<>(KmsKeyMetadata.attributes(request, KmsKeyMetadata.Naming.CAMEL));
        call.response().flatMap(r -> r.object("keyMetadata"))
                .ifPresent(m -> out.putAll(KmsKeyMetadata.attributes(m, KmsKeyMetadata.Naming.CAMEL)));
        if (!out.containsKey(KeyAttribute.NATIVE_STATE.wireName())) {
            boolean awaitsMaterial = ORIGIN_EXTERNAL.equals(request.text("origin").orElse(""));
            KmsKeyMetadata.putState(out, (awaitsMaterial ? KmsKeyState.PENDING_IMPORT : KmsKeyState.ENABLED).nativeName());
        }
        out.putAll(KeyTags.attributes(request.objects("tags"), KmsKeyMetadata.Naming.CAMEL));
        policy(call, request, out);
        return List.of(call.event(Action.CREATE, key.get(), out));
    }

    /** The primary gets REPLICATE; the new replica, an asset of its own in its Region, gets CREATE. */
    private static List<DecodedRecord> replicateKey(KmsCall call) {
        RecordFields request = call.requestOrEmpty();
        Optional<KeyArn> primary = call.keyIn(Optional.of(request), "keyId")
                .or(() -> call.resourceKeys().stream().filter(k -> call.region().filter(k.region()::equals).isPresent())
                        .findFirst())
                .or(call::mainKey);
        if (primary.isEmpty()) {
            return call.withoutKey();
        }
        if (!call.succeeded()) {
            return List.of(call.event(Action.REPLICATE, primary.get(), Map.of()));
        }
        String replicaRegion = request.requiredText("replicaRegion");
        Optional<RecordFields> metadata = call.response().flatMap(r -> r.object("replicaKeyMetadata"));
        KeyArn replica = call.keyIn(metadata, "arn")
                .orElseGet(() -> inRegion(primary.get(), replicaRegion, request.pathOf("replicaRegion")));

        Map<String, String> replicaAttributes = new LinkedHashMap<>(
                KmsKeyMetadata.attributes(request, KmsKeyMetadata.Naming.CAMEL));
        metadata.ifPresent(m -> replicaAttributes.putAll(KmsKeyMetadata.attributes(m, KmsKeyMetadata.Naming.CAMEL)));
        replicaAttributes.putIfAbsent(KeyAttribute.NATIVE_STATE.wireName(), KmsKeyState.CREATING.nativeName());
        replicaAttributes.putIfAbsent(KeyAttribute.STATE.wireName(), KmsKeyState.CREATING.lifecycle().name());
        replicaAttributes.put(KeyAttribute.REPLICA_OF.wireName(), primary.get().keyLedgerId());
        replicaAttributes.put(KeyAttribute.MULTI_REGION.wireName(), "true");
        replicaAttributes.putAll(KeyTags.attributes(request.objects("tags"), KmsKeyMetadata.Naming.CAMEL));

        return List.of(
                call.event(Action.REPLICATE, primary.get(), Map.of(KeyAttribute.MULTI_REGION.wireName(), "true")),
                call.event("replica", Action.CREATE, replica, replicaAttributes));
    }

    /** The key named becomes a replica of its related key in the new primary Region, which becomes primary. */
    private static List<DecodedRecord> updatePrimaryRegion(KmsCall call) {
        Optional<KeyArn> key = call.mainKey();
        if (key.isEmpty()) {
            return call.withoutKey();
        }
        if (!call.succeeded()) {
            return List.of(call.event(Action.METADATA, key.get(), Map.of()));
        }
        RecordFields request = call.requestOrEmpty();
        KeyArn newPrimary = inRegion(key.get(), request.requiredText("primaryRegion"), request.pathOf("primaryRegion"));
        if (newPrimary.equals(key.get())) {
            return List.of(call.event(Action.METADATA, key.get(), Map.of()));
        }
        return List.of(
                call.event(Action.METADATA, key.get(), Map.of(KeyAttribute.REPLICA_OF.wireName(), newPrimary.keyLedgerId())),
                call.event("new-primary", Action.METADATA, newPrimary, Map.of(KeyAttribute.REPLICA_OF.wireName(), "")));
    }

    private static List<DecodedRecord> aliasOnTarget(KmsCall call, KeyAttribute change) {
        Optional<KeyArn> target = target(call);
        if (target.isEmpty()) {
            return call.withoutKey();
        }
        return List.of(call.event(Action.ALIAS, target.get(), aliasChange(call, change)));
    }

    private static List<DecodedRecord> aliasOnResource(KmsCall call) {
        Optional<KeyArn> key = call.mainKey();
        if (key.isEmpty()) {
            return call.withoutKey();
        }
        return List.of(call.event(Action.ALIAS, key.get(), aliasChange(call, KeyAttribute.ALIAS_REMOVE)));
    }

    /** An alias moved: added to its new target, removed from the previous one when the record names it. */
    private static List<DecodedRecord> updateAlias(KmsCall call) {
        Optional<KeyArn> target = target(call);
        if (target.isEmpty()) {
            return call.withoutKey();
        }
        List<DecodedRecord> out = new ArrayList<>();
        out.add(call.event(Action.ALIAS, target.get(), aliasChange(call, KeyAttribute.ALIAS_ADD)));
        call.resourceKeys().stream().filter(k -> !k.equals(target.get())).findFirst().ifPresent(previous ->
                out.add(call.event("previous-target", Action.ALIAS, previous,
                        aliasChange(call, KeyAttribute.ALIAS_REMOVE))));
        return out;
    }

    private static Optional<KeyArn> target(KmsCall call) {
        RecordFields request = call.requestOrEmpty();
        return call.keyIn(Optional.of(request), "targetKeyId").or(call::mainKey);
    }

    private static Map<String, String> aliasChange(KmsCall call, KeyAttribute change) {
        if (!call.succeeded()) {
            return Map.of();
        }
        return Map.of(change.wireName(), call.requestOrEmpty().requiredText("aliasName"));
    }

    private static KeyArn inRegion(KeyArn key, String region, String field) {
        try {
            return key.inRegion(region);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(field, e.getMessage());
        }
    }
}
