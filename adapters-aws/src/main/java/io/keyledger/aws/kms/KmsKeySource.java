package io.keyledger.aws.kms;

import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.aws.format.KeyArn;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingQuota;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import io.keyledger.core.sweep.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import io.keyledger.core.keystore.KeyStoreKind;
import io.keyledger.core.keystore.KeyStoreRef;
import io.keyledger.core.sweep.ObservedKeyStore;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.DescribeCustomKeyStoresResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyLastUsageResponse;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.ListGrantsResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsResponse;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;

/**
 * The keys of one AWS account and Region, read live from KMS: ListKeys page by page (Marker/Truncated),
 * and for every key DescribeKey, GetKeyRotationStatus (symmetric keys with KMS-generated material, the
 * only ones AWS rotates) and ListResourceTags (customer managed keys; AWS managed keys cannot be tagged).
 * ListAliases is read once, all pages, and joined to the keys by {@code TargetKeyId}. AWS managed keys are
 * inventoried like the others, as provider-managed. With {@link KmsSweepOptions#usageAndAccess()}, each key's
 * last use (GetKeyLastUsage), grants (ListGrants, all pages) and key policy (GetKeyPolicy, analysed and never
 * kept) are read too, and the scope's custom key stores once (DescribeCustomKeyStores, {@link #keyStores()}).
 *
 * <p><b>Pacing.</b> Every request first takes a turn in the token bucket of its own KMS quota (the
 * documented rate times {@link io.keyledger.core.sweep.PacingPolicy#quotaShare()}), waiting through the
 * {@link Sleeper}. A request KMS throttles anyway (another caller spent the quota) becomes a core
 * {@link ThrottledException}, which the {@link PacedKeySource} around this source ({@link #paced}) backs
 * off and retries. A retried page does not start over: the keys it had already read are kept, and the
 * retry goes on from the request that was throttled.
 *
 * <p><b>Partial observation.</b> A key whose DescribeKey, GetKeyRotationStatus, ListResourceTags,
 * GetKeyLastUsage, ListGrants or GetKeyPolicy is
 * refused (AccessDeniedException from its key policy, say) is kept as partially observed with what could
 * be read; it never fails the sweep. A key that is gone between ListKeys and DescribeKey
 * (NotFoundException) is left out of the page, and {@link #describe} says it does not exist. Failures of
 * the service itself (ListKeys denied, 5xx after the SDK's retries, network) fail the call, and the
 * reconciler reports the scope as partial with the cursor to resume from.
 *
 * <p><b>Declared operations.</b> Every request is sent in its turn under its row of {@link AwsSweepOperation}
 * ({@link #operations()}), and the client refuses any other ({@link KmsClients}).
 *
 * <p>The client is the caller's, built once ({@link KmsClients}) and shared; nothing here touches the
 * network before the first {@code list} or {@code describe}. Safe for use from several threads: calls are
 * serialised.
 */
public final class KmsKeySource implements KeySource {

    static final String ACCESS_DENIED = "AccessDeniedException";
    static final String NOT_FOUND = "NotFoundException";

    private final KmsClient kms;
    private final SweepScope scope;
    private final KmsSweepOptions options;
    private final Sleeper sleeper;
    private final Map<AwsSweepOperation, TokenBucket> buckets = new EnumMap<>(AwsSweepOperation.class);
    private final Map<AwsSweepOperation, AtomicLong> requests = new EnumMap<>(AwsSweepOperation.class);
    private final AtomicLong throttled = new AtomicLong();

    private AliasListing aliases;
    private PageInProgress page;

    public KmsKeySource(KmsClient kms, SweepScope scope, KmsSweepOptions options, Clock clock, Sleeper sleeper) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.scope = Objects.requireNonNull(scope, "scope");
        if (scope.provider() != Provider.AWS) {
            throw new IllegalArgumentException("a KMS key source sweeps an AWS scope, not " + scope.id());
        }
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        for (AwsSweepOperation r : AwsSweepOperation.of(Purpose.READ_KEYS)) {
            double documented = r.documentedPerSecond().orElseThrow(() -> new IllegalStateException(
                    "no documented quota for " + r.operation()));
            buckets.put(r, new TokenBucket(documented * options.pacing().quotaShare(), 1, clock));
            requests.put(r, new AtomicLong());
        }
    }

    /**
     * The source as a sweep runs it: inside a {@link PacedKeySource} that retries throttled calls with the
     * policy's backoff and reports what pacing cost ({@link io.keyledger.core.sweep.SweepOutcome#pacing()}).
     */
    public static PacedKeySource paced(KmsClient kms, SweepScope scope, KmsSweepOptions options, Clock clock,
                                       Sleeper sleeper, RandomGenerator random) {
        KmsKeySource source = new KmsKeySource(kms, scope, options, clock, sleeper);
        return new PacedKeySource(source, new PacingQuota(options.pacing(), clock), sleeper, random);
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public synchronized KeyListing list(Optional<String> cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (page == null || !page.cursor.equals(cursor)) {
            page = new PageInProgress(cursor, listKeys(cursor));
        }
        Map<String, Set<String>> byKeyId = aliases();
        List<KeyListEntry> entries = page.response.keys();
        while (page.read < entries.size()) {
            KeyArn arn = arnOf(entries.get(page.read));
            observe(arn, byKeyId).ifPresent(page.keys::add);
            page.read++;
        }
        PageInProgress done = page;
        page = null;
        boolean more = Boolean.TRUE.equals(done.response.truncated()) && done.response.nextMarker() != null;
        return new KeyListing(done.keys, more ? Optional.of(done.response.nextMarker()) : Optional.empty());
    }

    @Override
    public synchronized Optional<ObservedKey> describe(KeyRef key) {
        KeyArn arn = KeyArn.parse(key.nativeId()).orElseThrow(() -> new IllegalArgumentException(
                "not a KMS key ARN: '" + key.nativeId() + "'"));
        if (key.provider() != Provider.AWS || !arn.account().equals(scope.account())
                || !arn.region().equals(scope.location())) {
            throw new IllegalArgumentException("key " + key.id() + " is not of scope " + scope.id());
        }
        return observe(arn, aliases());
    }

    /** The KMS reads of {@link AwsSweepOperation}: every request this source sends is one of them. */
    @Override
    public Set<ApiOperation> operations() {
        return AwsSweepOperation.operations(AwsSweepOperation.of(Purpose.READ_KEYS));
    }

    /** Requests sent so far, throttled ones included, by KMS operation name. */
    public Map<String, Long> requests() {
        Map<String, Long> out = new LinkedHashMap<>();
        requests.forEach((r, n) -> out.put(r.operationName(), n.get()));
        return out;
    }

    /** Requests KMS throttled so far. */
    public long throttled() {
        return throttled.get();
    }

    private ListKeysResponse listKeys(Optional<String> marker) {
        return call(AwsSweepOperation.LIST_KEYS, "", () -> kms.listKeys(r -> r.limit(options.keysPerPage())
                .marker(marker.orElse(null))));
    }

    /** Alias names by target key id, read once for the scope (all pages), resumed if throttled midway. */
    private Map<String, Set<String>> aliases() {
        if (aliases == null) {
            aliases = new AliasListing();
        }
        while (!aliases.done) {
            ListAliasesResponse response;
            try {
                Optional<String> marker = aliases.marker;
                response = call(AwsSweepOperation.LIST_ALIASES, "", () -> kms.listAliases(r -> r
                        .limit(options.aliasesPerPage()).marker(marker.orElse(null))));
            } catch (AwsServiceException e) {
                if (!ACCESS_DENIED.equals(code(e))) {
                    throw e;
                }
                aliases.unreadable = Optional.of("ListAliases: " + errorText(e));
                aliases.done = true;
                break;
            }
            KmsObservation.addAliases(SdkJson.of(response), aliases.byKeyId);
            boolean more = Boolean.TRUE.equals(response.truncated()) && response.nextMarker() != null;
            aliases.marker = more ? Optional.of(response.nextMarker()) : Optional.empty();
            aliases.done = !more;
        }
        return aliases.byKeyId;
    }

    /** Reads one key; empty if KMS says it does not exist (any more). */
    private Optional<ObservedKey> observe(KeyArn arn, Map<String, Set<String>> byKeyId) {
        KmsObservation key = new KmsObservation(arn).aliases(byKeyId.getOrDefault(arn.keyId(), Set.of()));
        aliases.unreadable.ifPresent(key::unreadable);
        String id = arn.toString();
        KeyMetadata metadata;
        try {
            DescribeKeyResponse described = call(AwsSweepOperation.DESCRIBE_KEY, id, () -> kms.describeKey(r -> r.keyId(id)));
            metadata = described.keyMetadata();
        } catch (AwsServiceException e) {
            if (NOT_FOUND.equals(code(e))) {
                return Optional.empty();
            }
            return Optional.of(keyLevel(e, "DescribeKey", key).toObservedKey());
        }
        if (metadata == null) {
            return Optional.of(key.unreadable("DescribeKey: the response has no KeyMetadata").toObservedKey());
        }
        if (!mapped(key, "DescribeKey", () -> key.keyMetadata(SdkJson.of(metadata)))) {
            return Optional.of(key.toObservedKey());
        }
        if (rotates(metadata)) {
            try {
                GetKeyRotationStatusResponse status = call(AwsSweepOperation.GET_KEY_ROTATION_STATUS, id,
                        () -> kms.getKeyRotationStatus(r -> r.keyId(id)));
                mapped(key, "GetKeyRotationStatus", () -> key.rotationStatus(SdkJson.of(status)));
                if (rotationsSayGone(id, key)) {
                    return Optional.empty();
                }
            } catch (AwsServiceException e) {
                if (NOT_FOUND.equals(code(e))) {
                    return Optional.empty();
                }
                if (ACCESS_DENIED.equals(code(e))) {
                    keyLevel(e, "GetKeyRotationStatus", key);
                }
                // Otherwise the key cannot rotate in its state (KMSInvalidStateException) or at all
                // (UnsupportedOperationException): its rotation is left unstated, which is no doubt about it.
            }
        }
        if (!"AWS".equals(metadata.keyManagerAsString()) && tagsSayGone(id, key)) {
            return Optional.empty();
        }
        if (options.usageAndAccess() && (lastUsageSaysGone(id, key) || grantsSayGone(id, key) || policySaysGone(id, key))) {
            return Optional.empty();
        }
        return Optional.of(key.toObservedKey());
    }

    /** The last use KMS tracked for the key; true if the key is gone. */
    private boolean lastUsageSaysGone(String id, KmsObservation key) {
        GetKeyLastUsageResponse response;
        try {
            response = call(AwsSweepOperation.GET_KEY_LAST_USAGE, id, () -> kms.getKeyLastUsage(r -> r.keyId(id)));
        } catch (AwsServiceException e) {
            return gone(e, "GetKeyLastUsage", key);
        }
        mapped(key, "GetKeyLastUsage", () -> key.lastUsage(SdkJson.of(response)));
        return false;
    }

    /** Every page of the key's grants; true if the key is gone. */
    private boolean grantsSayGone(String id, KmsObservation key) {
        List<tools.jackson.databind.JsonNode> pages = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            ListGrantsResponse response;
            try {
                Optional<String> m = marker;
                response = call(AwsSweepOperation.LIST_GRANTS, id, () -> kms.listGrants(r -> r.keyId(id)
                        .limit(options.tagsPerPage()).marker(m.orElse(null))));
            } catch (AwsServiceException e) {
                return gone(e, "ListGrants", key);
            }
            pages.add(SdkJson.of(response));
            boolean more = Boolean.TRUE.equals(response.truncated()) && response.nextMarker() != null;
            marker = more ? Optional.of(response.nextMarker()) : Optional.empty();
        } while (marker.isPresent());
        mapped(key, "ListGrants", () -> key.grants(pages));
        return false;
    }

    /** The key's policy, analysed; true if the key is gone. */
    private boolean policySaysGone(String id, KmsObservation key) {
        GetKeyPolicyResponse response;
        try {
            response = call(AwsSweepOperation.GET_KEY_POLICY, id, () -> kms.getKeyPolicy(r -> r.keyId(id)
                    .policyName("default")));
        } catch (AwsServiceException e) {
            return gone(e, "GetKeyPolicy", key);
        }
        mapped(key, "GetKeyPolicy", () -> key.keyPolicy(SdkJson.of(response)));
        return false;
    }

    /** A refused read: the key is gone (NotFoundException), or partially observed with the reason. */
    private boolean gone(AwsServiceException e, String operation, KmsObservation key) {
        if (NOT_FOUND.equals(code(e))) {
            return true;
        }
        keyLevel(e, operation, key);
        return false;
    }

    /**
     * The scope's custom key stores, every page of DescribeCustomKeyStores. A caller the account does not
     * let read them (AccessDeniedException) gets none: the stores stay as the keys that name them tell.
     */
    @Override
    public synchronized List<ObservedKeyStore> keyStores() {
        List<ObservedKeyStore> out = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            DescribeCustomKeyStoresResponse response;
            try {
                Optional<String> m = marker;
                response = call(AwsSweepOperation.DESCRIBE_CUSTOM_KEY_STORES, "", () -> kms.describeCustomKeyStores(r -> r
                        .limit(options.keysPerPage()).marker(m.orElse(null))));
            } catch (AwsServiceException e) {
                if (ACCESS_DENIED.equals(code(e))) {
                    return List.of();
                }
                throw e;
            }
            for (CustomKeyStoresListEntry s : response.customKeyStores()) {
                if (s.customKeyStoreId() == null || s.customKeyStoreId().isBlank()) {
                    continue;
                }
                KeyStoreKind kind = switch (String.valueOf(s.customKeyStoreTypeAsString())) {
                    case "EXTERNAL_KEY_STORE" -> KeyStoreKind.AWS_EXTERNAL_KEY_STORE;
                    case "AWS_CLOUDHSM" -> KeyStoreKind.AWS_CLOUDHSM;
                    // Stores made before external key stores existed have no type: CloudHSM was the only kind.
                    case "null" -> s.cloudHsmClusterId() != null ? KeyStoreKind.AWS_CLOUDHSM : KeyStoreKind.UNKNOWN;
                    default -> KeyStoreKind.UNKNOWN;
                };
                Optional<String> backing = Optional.ofNullable(s.cloudHsmClusterId()).or(() ->
                        Optional.ofNullable(s.xksProxyConfiguration()).flatMap(x -> Optional.ofNullable(x.uriEndpoint())
                                .map(e -> e + Optional.ofNullable(x.uriPath()).orElse(""))));
                out.add(new ObservedKeyStore(new KeyStoreRef(Provider.AWS, scope.account(), scope.location(),
                        s.customKeyStoreId()), kind, Optional.ofNullable(s.customKeyStoreName()),
                        Optional.ofNullable(s.connectionStateAsString()), backing, Optional.ofNullable(s.creationDate())));
            }
            boolean more = Boolean.TRUE.equals(response.truncated()) && response.nextMarker() != null;
            marker = more ? Optional.of(response.nextMarker()) : Optional.empty();
        } while (marker.isPresent());
        return out;
    }

    /**
     * Reads every page of the key's completed rotations (automatic and on demand) into {@code key}, for
     * the latest rotation date: a rotation that no event reported shows up here. True if the key is gone.
     */
    private boolean rotationsSayGone(String id, KmsObservation key) {
        Optional<String> marker = Optional.empty();
        do {
            ListKeyRotationsResponse response;
            try {
                Optional<String> m = marker;
                // Rotations are paged like tags: a few per key, rarely more than a page.
                response = call(AwsSweepOperation.LIST_KEY_ROTATIONS, id, () -> kms.listKeyRotations(r -> r.keyId(id)
                        .limit(options.tagsPerPage()).marker(m.orElse(null))));
            } catch (AwsServiceException e) {
                if (NOT_FOUND.equals(code(e))) {
                    return true;
                }
                if (ACCESS_DENIED.equals(code(e))) {
                    keyLevel(e, "ListKeyRotations", key);
                }
                return false;
            }
            if (!mapped(key, "ListKeyRotations", () -> key.rotations(SdkJson.of(response)))) {
                return false;
            }
            boolean more = Boolean.TRUE.equals(response.truncated()) && response.nextMarker() != null;
            marker = more ? Optional.of(response.nextMarker()) : Optional.empty();
        } while (marker.isPresent());
        return false;
    }

    /** Reads every page of the key's tags into {@code key}; true if KMS says the key is gone. */
    private boolean tagsSayGone(String id, KmsObservation key) {
        Optional<String> marker = Optional.empty();
        do {
            ListResourceTagsResponse response;
            try {
                Optional<String> m = marker;
                response = call(AwsSweepOperation.LIST_RESOURCE_TAGS, id, () -> kms.listResourceTags(r -> r.keyId(id)
                        .limit(options.tagsPerPage()).marker(m.orElse(null))));
            } catch (AwsServiceException e) {
                if (NOT_FOUND.equals(code(e))) {
                    return true;
                }
                keyLevel(e, "ListResourceTags", key);
                return false;
            }
            if (!mapped(key, "ListResourceTags", () -> key.tags(SdkJson.of(response)))) {
                return false;
            }
            boolean more = Boolean.TRUE.equals(response.truncated()) && response.nextMarker() != null;
            marker = more ? Optional.of(response.nextMarker()) : Optional.empty();
        } while (marker.isPresent());
        return false;
    }

    /**
     * Whether AWS keeps a rotation status for the key: symmetric encryption keys whose material KMS
     * generated. Asymmetric, HMAC and imported keys and keys in custom key stores cannot rotate
     * automatically, and GetKeyRotationStatus refuses them.
     */
    private static boolean rotates(KeyMetadata metadata) {
        String spec = metadata.keySpecAsString() != null ? metadata.keySpecAsString()
                : metadata.customerMasterKeySpecAsString();
        return "SYMMETRIC_DEFAULT".equals(spec) && "AWS_KMS".equals(metadata.originAsString());
    }

    /**
     * A key-level error: the key is partially observed, with the operation and the error as the reason.
     * The service's own failures (5xx that outlived the SDK's retries) are not about the key and fail the
     * call instead.
     */
    private KmsObservation keyLevel(AwsServiceException e, String operation, KmsObservation key) {
        if (e.statusCode() >= 500) {
            throw e;
        }
        return key.unreadable(operation + ": " + errorText(e));
    }

    /** Runs a mapping of a response; a response KeyLedger cannot read makes the key partial, naming the field. */
    private static boolean mapped(KmsObservation key, String operation, Runnable mapping) {
        try {
            mapping.run();
            return true;
        } catch (RecordFormatException e) {
            key.unreadable(operation + ": field '" + e.field() + "' " + e.reason());
            return false;
        } catch (IllegalArgumentException e) {
            key.unreadable(operation + ": " + e.getMessage());
            return false;
        }
    }

    private KeyArn arnOf(KeyListEntry entry) {
        Optional<KeyArn> arn = entry.keyArn() != null ? KeyArn.parse(entry.keyArn())
                : Optional.ofNullable(entry.keyId()).filter(KeyArn::isKeyId)
                        .map(id -> KeyArn.of(scope.location(), scope.account(), id));
        KeyArn a = arn.orElseThrow(() -> new IllegalStateException("ListKeys of " + scope.id()
                + " returned an entry that names no key: " + entry));
        if (!a.account().equals(scope.account()) || !a.region().equals(scope.location())) {
            throw new IllegalStateException("ListKeys of " + scope.id() + " returned key " + a
                    + " of another account or Region");
        }
        return a;
    }

    /**
     * Sends one request in its turn: waits for the operation's quota, then calls. A throttled request is a
     * {@link ThrottledException} carrying the service's Retry-After hint when it gave one.
     */
    private <T> T call(AwsSweepOperation request, String key, Supplier<T> send) {
        TokenBucket bucket = buckets.get(request);
        if (bucket == null) {
            throw new IllegalArgumentException(request.operation() + " is not a read of the key source");
        }
        Duration wait = bucket.reserve();
        if (!wait.isZero()) {
            try {
                sleeper.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while pacing " + request.operationName() + " of " + scope.id());
            }
        }
        requests.get(request).incrementAndGet();
        try {
            return send.get();
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                throttled.incrementAndGet();
                throw new ThrottledException(request.operationName() + (key.isEmpty() ? "" : " of " + key) + " in "
                        + scope.id() + " throttled: " + errorText(e), retryAfter(e), e);
            }
            throw e;
        }
    }

    private static Optional<Duration> retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                .filter(v -> v.trim().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    /** "AccessDeniedException: User ... is not authorized ...", without the SDK's request-id suffix. */
    static String errorText(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String code = code(e);
        String text = code.isEmpty() ? "HTTP " + e.statusCode() : code;
        return message == null || message.isBlank() ? text : text + ": " + message;
    }

    /** The aliases of the scope, read once. */
    private static final class AliasListing {
        final Map<String, Set<String>> byKeyId = new HashMap<>();
        Optional<String> marker = Optional.empty();
        Optional<String> unreadable = Optional.empty();
        boolean done;
    }

    /** A page being read: kept when a request of it is throttled, so that its retry goes on from there. */
    private static final class PageInProgress {
        final Optional<String> cursor;
        final ListKeysResponse response;
        final List<ObservedKey> keys = new ArrayList<>();
        int read;

        PageInProgress(Optional<String> cursor, ListKeysResponse response) {
            this.cursor = cursor;
            this.response = response;
        }
    }
}
