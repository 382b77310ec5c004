package io.keyledger.gcp.cloudkms;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.kms.inventory.v1.ProtectedResourcesSummary;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.KeyRing;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsRequest;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsResponse;
import com.google.cloud.kms.v1.ListCryptoKeysRequest;
import com.google.cloud.kms.v1.ListCryptoKeysResponse;
import com.google.cloud.kms.v1.ListKeyRingsRequest;
import com.google.cloud.kms.v1.ListKeyRingsResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.Json;
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
import io.keyledger.gcp.format.GoogleJson;
import io.keyledger.gcp.format.KmsResourceName;
import io.keyledger.gcp.format.ServiceAgents;
import io.keyledger.gcp.format.VersionFacts;
import io.keyledger.gcp.snapshot.ObservedKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The keys of one Google Cloud project and location, read live from Cloud KMS: its key rings (ListKeyRings),
 * each ring's keys (ListCryptoKeys) and every version of each key (ListCryptoKeyVersions), and, when asked, what
 * each key protects (KMS Inventory's GetProtectedResourcesSummary). One project and location is one
 * {@link SweepScope} ({@code gcp:<project>:<location>}), as for saved {@code gcloud} listings.
 *
 * <p><b>One mapping.</b> Each resource is read as the proto3 JSON that {@code gcloud --format=json} prints, and
 * turned into an {@link ObservedKey} by the code that reads saved listings ({@link ObservedKeys}, with the
 * decoders' {@code GoogleVersionState}, {@code KeyAlgorithms}, {@code KeyPurpose} and
 * {@code GoogleProtectionLevel}): a live sweep and a saved listing say the same of a key. The live source adds
 * {@code rotation.lastRotatedAt} (the creation of the newest version, when there is more than one) and, from KMS
 * Inventory, the services whose resources the key protects as {@code usage.service} / {@code usage.aiService};
 * the whole summary is kept for the caller ({@link #protectedResources}).
 *
 * <p><b>Pages and resumption.</b> A page of this source is one page of one key ring's keys, each key with all its
 * versions; the cursor ({@link ListingPosition}) names the page of key rings, the ring and the page of its keys, so
 * that a sweep cut short (throttled past its budget, a function's time limit) resumes where it stopped in a later
 * invocation. Cloud KMS's page tokens expire: a resume that keeps failing on its first page should start over.
 *
 * <p><b>Pacing.</b> Every request first takes a turn in its project's bucket ({@link ProjectReadQuota}, shared by
 * the project's locations: Cloud KMS allows {@value io.keyledger.core.sweep.PacingPolicy#GCP_READS_PER_MINUTE}
 * reads a minute per project by default, and the sweep takes its policy's share), waiting through the
 * {@link Sleeper}. A request Cloud KMS still refuses with RESOURCE_EXHAUSTED becomes a {@link ThrottledException},
 * which the {@link PacedKeySource} around this source ({@link #paced}) backs off and retries; a retried page goes
 * on from the request that was throttled, keeping the keys already read.
 *
 * <p><b>Partial observation.</b> A key ring whose keys cannot be listed (PERMISSION_DENIED) does not fail the
 * sweep: the other rings are listed, and after the last page the listing fails with a
 * {@link KeyRingsDeniedException} naming the ring, so that the scope is reported partial and none of its keys is
 * taken for missing; its cursor resumes with just the denied rings. A key whose versions cannot be listed is kept
 * as partially observed with what its listing said; a key a direct read cannot get is partially observed too.
 *
 * <p><b>Declared operations.</b> Every request is sent under its row of {@link GcpSweepOperation} and the clients
 * refuse any other ({@link GcpClients}). Safe for use from several threads: calls are serialised.
 */
public final class CloudKmsKeySource implements KeySource {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Set<String> AI_SERVICES = ServiceAgents.all().stream().filter(ServiceAgents.Agent::ai)
            .map(ServiceAgents.Agent::service).collect(Collectors.toUnmodifiableSet());

    private final GcpClients clients;
    private final SweepScope scope;
    private final CloudKmsSweepOptions options;
    private final ProjectReadQuota quota;
    private final Sleeper sleeper;
    private final Map<GcpSweepOperation, AtomicLong> requests = new EnumMap<>(GcpSweepOperation.class);
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, ProtectedResources> protectedResources = new ConcurrentHashMap<>();
    private final Map<String, ListKeyRingsResponse> ringPages = new LinkedHashMap<>();
    private final Map<String, String> deniedReasons = new LinkedHashMap<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private PageInProgress page;

    /**
     * @param quota the read quota of the scope's project, shared with the key sources of its other locations
     */
    public CloudKmsKeySource(GcpClients clients, SweepScope scope, CloudKmsSweepOptions options, ProjectReadQuota quota,
                             Sleeper sleeper) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.scope = Objects.requireNonNull(scope, "scope");
        if (scope.provider() != Provider.GCP) {
            throw new IllegalArgumentException("a Cloud KMS key source sweeps a Google Cloud scope, not " + scope.id());
        }
        this.options = Objects.requireNonNull(options, "options");
        this.quota = Objects.requireNonNull(quota, "quota");
        if (!quota.project().equals(scope.account())) {
            throw new IllegalArgumentException("the read quota of project " + quota.project() + " cannot pace "
                    + scope.id());
        }
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        for (GcpSweepOperation r : GcpSweepOperation.values()) {
            requests.put(r, new AtomicLong());
        }
    }

    /**
     * The source as a sweep runs it: inside a {@link PacedKeySource} that retries throttled calls with the
     * policy's backoff and reports what pacing cost.
     */
    public static PacedKeySource paced(GcpClients clients, SweepScope scope, CloudKmsSweepOptions options,
                                       ProjectReadQuota quota, Clock clock, Sleeper sleeper, RandomGenerator random) {
        CloudKmsKeySource source = new CloudKmsKeySource(clients, scope, options, quota, sleeper);
        return new PacedKeySource(source, new PacingQuota(options.pacing(), clock), sleeper, random);
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    /** The reads of {@link GcpSweepOperation} this source sends: the key reads, and KMS Inventory's when asked. */
    @Override
    public Set<ApiOperation> operations() {
        List<GcpSweepOperation> rows = new ArrayList<>(GcpSweepOperation.of(GcpSweepOperation.Purpose.READ_KEYS));
        if (options.protectedResources()) {
            rows.addAll(GcpSweepOperation.of(GcpSweepOperation.Purpose.READ_USAGE));
        }
        return GcpSweepOperation.operations(rows);
    }

    /** Requests sent so far, throttled ones included, by method name. */
    public Map<String, Long> requests() {
        Map<String, Long> out = new LinkedHashMap<>();
        requests.forEach((r, n) -> {
            if (n.get() > 0) {
                out.put(r.methodName(), n.get());
            }
        });
        return out;
    }

    /** Requests refused with RESOURCE_EXHAUSTED so far. */
    public long throttled() {
        return throttled.get();
    }

    /** What KMS Inventory said the key protects, if this source asked ({@link CloudKmsSweepOptions#protectedResources}). */
    public Optional<ProtectedResources> protectedResources(KeyRef key) {
        return Optional.ofNullable(protectedResources.get(key.id()));
    }

    /** Every summary this source read, by key id. */
    public Map<String, ProtectedResources> protectedResources() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(protectedResources));
    }

    @Override
    public synchronized KeyListing list(Optional<String> cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (page == null || !page.cursor.equals(cursor)) {
            ListingPosition at = ListingPosition.decode(cursor, scope.id());
            if (at.done()) {
                if (cursor.isPresent() && reported.contains(cursor.get())) {
                    throw new KeyRingsDeniedException(scope.id(), at.denied(), deniedReasons);
                }
                // A later run resuming a listing that ended on denied key rings: list just those again.
                at = ListingPosition.retrying(at.denied());
            }
            page = new PageInProgress(cursor, at);
        }
        PageInProgress p = page;
        if (p.ring.isEmpty()) {
            p.ring = Optional.of(ring(p.position));
        }
        if (p.ring.get().isEmpty()) {
            page = null;
            return end(p.position, List.of());
        }
        String ring = p.ring.get();
        if (p.keys == null) {
            try {
                p.keys = Optional.of(listKeys(ring, p.position.keyPageToken()));
            } catch (ApiException e) {
                if (e.getStatusCode().getCode() != StatusCode.Code.PERMISSION_DENIED) {
                    throw e;
                }
                deniedReasons.put(ring, "ListCryptoKeys: " + errorText(e));
                p.keys = Optional.empty();
            }
        }
        if (p.keys.isPresent()) {
            List<CryptoKey> keys = p.keys.get().getCryptoKeysList();
            while (p.read < keys.size()) {
                observe(keys.get(p.read)).ifPresent(p.observed::add);
                p.read++;
            }
        }
        page = null;
        ListingPosition next = p.keys.isEmpty() ? p.position.deny(ring)
                : p.position;
        if (p.keys.isPresent() && !p.keys.get().getNextPageToken().isEmpty()) {
            return new KeyListing(p.observed, Optional.of(next.withKeyPage(p.keys.get().getNextPageToken()).encode()));
        }
        return new KeyListing(p.observed, nextRing(next, ring));
    }

    /** The ring a position lists: its own, or the first of its page; empty text when there is none. */
    private String ring(ListingPosition at) {
        if (!at.ring().isEmpty()) {
            return at.ring();
        }
        List<KeyRing> rings = ringPage(at.ringPageToken()).getKeyRingsList();
        return rings.isEmpty() ? "" : ringId(rings.get(0));
    }

    /** The cursor after {@code ring}: the next ring of its page, the next page of rings, or the listing's end. */
    private Optional<String> nextRing(ListingPosition at, String ring) {
        if (!at.only().isEmpty()) {
            int i = at.only().indexOf(ring);
            return i >= 0 && i + 1 < at.only().size() ? Optional.of(at.atRing("", at.only().get(i + 1)).encode())
                    : finish(at);
        }
        ListKeyRingsResponse rings = ringPage(at.ringPageToken());
        List<String> ids = rings.getKeyRingsList().stream().map(CloudKmsKeySource::ringId).toList();
        int i = ids.indexOf(ring);
        if (i >= 0 && i + 1 < ids.size()) {
            return Optional.of(at.atRing(at.ringPageToken(), ids.get(i + 1)).encode());
        }
        if (!rings.getNextPageToken().isEmpty()) {
            return Optional.of(at.atRing(rings.getNextPageToken(), "").encode());
        }
        return finish(at);
    }

    private KeyListing end(ListingPosition at, List<ObservedKey> keys) {
        return new KeyListing(keys, finish(at));
    }

    /** The end of the listing: none, or the position that reports the denied key rings. */
    private Optional<String> finish(ListingPosition at) {
        if (at.denied().isEmpty()) {
            return Optional.empty();
        }
        String marker = at.finished().encode();
        reported.add(marker);
        return Optional.of(marker);
    }

    private ListKeyRingsResponse ringPage(String token) {
        ListKeyRingsResponse cached = ringPages.get(token);
        if (cached == null) {
            String parent = "projects/" + scope.account() + "/locations/" + scope.location();
            ListKeyRingsRequest request = ListKeyRingsRequest.newBuilder().setParent(parent)
                    .setPageSize(options.keyRingsPerPage()).setPageToken(token).build();
            cached = call(GcpSweepOperation.LIST_KEY_RINGS, parent,
                    () -> clients.kms().listKeyRingsCallable().call(request));
            ringPages.put(token, cached);
        }
        return cached;
    }

    private ListCryptoKeysResponse listKeys(String ring, String token) {
        String parent = ringName(ring);
        ListCryptoKeysRequest request = ListCryptoKeysRequest.newBuilder().setParent(parent)
                .setPageSize(options.keysPerPage()).setPageToken(token).build();
        return call(GcpSweepOperation.LIST_CRYPTO_KEYS, parent, () -> clients.kms().listCryptoKeysCallable().call(request));
    }

    @Override
    public synchronized Optional<ObservedKey> describe(KeyRef key) {
        KmsResourceName name = KmsResourceName.parse(key.nativeId()).filter(KmsResourceName::isKey)
                .orElseThrow(() -> new IllegalArgumentException("not a Cloud KMS key name: '" + key.nativeId() + "'"));
        if (key.provider() != Provider.GCP || !key.accountScope().equals(scope.account())
                || !name.location().equals(scope.location())) {
            throw new IllegalArgumentException("key " + key.id() + " is not of scope " + scope.id());
        }
        String keyName = name.inProject(scope.account()).keyName();
        CryptoKey cryptoKey;
        try {
            cryptoKey = call(GcpSweepOperation.GET_CRYPTO_KEY, keyName, () -> clients.kms().getCryptoKey(keyName));
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            if (code == StatusCode.Code.NOT_FOUND) {
                return Optional.empty();
            }
            if (code == StatusCode.Code.PERMISSION_DENIED) {
                return Optional.of(new ObservedKey(key, Map.of(), List.of(), Optional.of("GetCryptoKey: " + errorText(e))));
            }
            throw e;
        }
        return observe(cryptoKey);
    }

    /** One key with all its versions (and what it protects, when asked); empty if Cloud KMS says it is gone. */
    private Optional<ObservedKey> observe(CryptoKey key) {
        KmsResourceName name = KmsResourceName.parse(key.getName()).filter(KmsResourceName::isKey)
                .orElseThrow(() -> new IllegalStateException("Cloud KMS listed a key of " + scope.id()
                        + " without a key name: '" + key.getName() + "'"));
        KmsResourceName canonical = name.inProject(scope.account());
        if (!name.location().equals(scope.location())) {
            throw new IllegalStateException("Cloud KMS listed key " + key.getName() + " of another location in "
                    + scope.id());
        }
        KeyRef ref = new KeyRef(Provider.GCP, scope.account(), scope.location(), canonical.keyName());
        ObservedKeys.Versions versions;
        List<CryptoKeyVersion> listed = List.of();
        try {
            listed = versions(canonical.keyName());
            List<VersionFacts> facts = new ArrayList<>();
            for (int i = 0; i < listed.size(); i++) {
                facts.add(VersionFacts.of(GoogleJson.DIALECT.fields(json(listed.get(i)), "cryptoKeyVersions[" + i + "]")));
            }
            versions = new ObservedKeys.Listed(facts);
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            if (code == StatusCode.Code.NOT_FOUND) {
                return Optional.empty();
            }
            if (code != StatusCode.Code.PERMISSION_DENIED) {
                throw e;
            }
            versions = new ObservedKeys.Denied("ListCryptoKeyVersions: " + errorText(e));
        } catch (RecordFormatException e) {
            return Optional.of(unreadable(ref, "ListCryptoKeyVersions: field '" + e.field() + "' " + e.reason()));
        }
        ObservedKey observed;
        try {
            observed = ObservedKeys.of(ref, json(key), "cryptoKeys[" + key.getName() + "]", versions);
        } catch (RecordFormatException e) {
            return Optional.of(unreadable(ref, "ListCryptoKeys: field '" + e.field() + "' " + e.reason()));
        } catch (IllegalArgumentException e) {
            return Optional.of(unreadable(ref, "ListCryptoKeys: " + e.getMessage()));
        }
        Map<String, String> attributes = new LinkedHashMap<>(observed.attributes());
        lastRotation(listed).ifPresent(t -> attributes.put(KeyAttribute.LAST_ROTATED_AT.wireName(), t.toString()));
        if (options.protectedResources()) {
            ProtectedResources summary = summary(ref, canonical.keyName());
            protectedResources.put(ref.id(), summary);
            usage(summary, attributes);
        }
        return Optional.of(new ObservedKey(ref, attributes, observed.versions(), observed.unreadable()));
    }

    private static ObservedKey unreadable(KeyRef ref, String why) {
        return new ObservedKey(ref, Map.of(), List.of(), Optional.of(why));
    }

    private List<CryptoKeyVersion> versions(String keyName) {
        List<CryptoKeyVersion> out = new ArrayList<>();
        String token = "";
        do {
            ListCryptoKeyVersionsRequest request = ListCryptoKeyVersionsRequest.newBuilder().setParent(keyName)
                    .setPageSize(options.versionsPerPage()).setPageToken(token).build();
            ListCryptoKeyVersionsResponse response = call(GcpSweepOperation.LIST_CRYPTO_KEY_VERSIONS, keyName,
                    () -> clients.kms().listCryptoKeyVersionsCallable().call(request));
            out.addAll(response.getCryptoKeyVersionsList());
            token = response.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    /** Every rotation makes a version: the newest version's creation is the last rotation, if there were any. */
    private static Optional<Instant> lastRotation(List<CryptoKeyVersion> versions) {
        if (versions.size() < 2) {
            return Optional.empty();
        }
        return versions.stream().filter(CryptoKeyVersion::hasCreateTime)
                .map(v -> Instant.ofEpochSecond(v.getCreateTime().getSeconds(), v.getCreateTime().getNanos()))
                .max(Instant::compareTo);
    }

    private ProtectedResources summary(KeyRef ref, String keyName) {
        String name = keyName + "/protectedResourcesSummary";
        try {
            ProtectedResourcesSummary s = call(GcpSweepOperation.GET_PROTECTED_RESOURCES_SUMMARY, keyName,
                    () -> clients.keyTracking().getProtectedResourcesSummary(name));
            return ProtectedResources.of(ref.id(), s.getResourceCount(), s.getProjectCount(), s.getResourceTypesMap(),
                    s.getCloudProductsMap(), s.getLocationsMap());
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            if (code == StatusCode.Code.NOT_FOUND || code == StatusCode.Code.PERMISSION_DENIED
                    || code == StatusCode.Code.FAILED_PRECONDITION) {
                return ProtectedResources.unavailable(ref.id(), "GetProtectedResourcesSummary: " + errorText(e));
            }
            throw e;
        }
    }

    /** The services of the protected resources, as the usage attributes a decoder would give them. */
    private static void usage(ProtectedResources summary, Map<String, String> attributes) {
        List<String> plain = new ArrayList<>();
        List<String> ai = new ArrayList<>();
        summary.services().keySet().forEach(s -> (AI_SERVICES.contains(s) ? ai : plain).add(s));
        if (!plain.isEmpty()) {
            attributes.put(KeyAttribute.USED_BY_SERVICE.wireName(), String.join(",", plain));
        }
        if (!ai.isEmpty()) {
            attributes.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), String.join(",", ai));
        }
    }

    private String ringName(String ring) {
        return "projects/" + scope.account() + "/locations/" + scope.location() + "/keyRings/" + ring;
    }

    private static String ringId(KeyRing ring) {
        String name = ring.getName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static JsonNode json(MessageOrBuilder message) {
        try {
            return Json.mapper().readTree(JSON.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print a " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Sends one request in its turn: waits for the project's quota, then calls. A throttled request is a
     * {@link ThrottledException}, carrying Google's RetryInfo hint when it gave one.
     */
    private <T> T call(GcpSweepOperation operation, String resource, Supplier<T> send) {
        Duration wait = quota.bucket(operation).reserve();
        if (!wait.isZero()) {
            try {
                sleeper.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while pacing " + operation.methodName() + " of " + scope.id());
            }
        }
        requests.get(operation).incrementAndGet();
        try {
            return send.get();
        } catch (ApiException e) {
            if (e.getStatusCode().getCode() == StatusCode.Code.RESOURCE_EXHAUSTED) {
                throttled.incrementAndGet();
                throw new ThrottledException(operation.methodName() + " of " + resource + " throttled: " + errorText(e),
                        retryAfter(e), e);
            }
            throw e;
        }
    }

    private static Optional<Duration> retryAfter(ApiException e) {
        if (e.getErrorDetails() == null || e.getErrorDetails().getRetryInfo() == null) {
            return Optional.empty();
        }
        com.google.protobuf.Duration d = e.getErrorDetails().getRetryInfo().getRetryDelay();
        return Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos())).filter(x -> !x.isNegative());
    }

    /** "PERMISSION_DENIED: Permission 'cloudkms.cryptoKeys.list' denied on resource ...". */
    static String errorText(ApiException e) {
        String code = e.getStatusCode().getCode().name();
        Throwable cause = e.getCause();
        String message = cause instanceof io.grpc.StatusRuntimeException sre && sre.getStatus().getDescription() != null
                ? sre.getStatus().getDescription() : e.getMessage();
        if (message != null && message.startsWith(code + ": ")) {
            message = message.substring(code.length() + 2);
        }
        return message == null || message.isBlank() ? code : code + ": " + message;
    }

    /** A page being read: kept when a request of it is throttled, so that its retry goes on from there. */
    private static final class PageInProgress {
        final Optional<String> cursor;
        final ListingPosition position;
        Optional<String> ring = Optional.empty();
        Optional<ListCryptoKeysResponse> keys;
        final List<ObservedKey> observed = new ArrayList<>();
        int read;

        PageInProgress(Optional<String> cursor, ListingPosition position) {
            this.cursor = cursor;
            this.position = position;
        }
    }
}
