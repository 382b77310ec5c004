package io.keyledger.testkit.gcp;

import static io.keyledger.testkit.gcp.InProcessGoogleApis.error;

import com.google.cloud.kms.inventory.v1.GetProtectedResourcesSummaryRequest;
import com.google.cloud.kms.inventory.v1.ProtectedResourcesSummary;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.GetCryptoKeyRequest;
import com.google.cloud.kms.v1.KeyRing;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsRequest;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsResponse;
import com.google.cloud.kms.v1.ListCryptoKeysRequest;
import com.google.cloud.kms.v1.ListCryptoKeysResponse;
import com.google.cloud.kms.v1.ListKeyRingsRequest;
import com.google.cloud.kms.v1.ListKeyRingsResponse;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.ListLocationsResponse;
import com.google.cloud.location.Location;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Cloud KMS's {@code KeyManagementService} (the reads a sweep makes), its {@code Locations} mixin and KMS
 * Inventory's {@code KeyTrackingService.GetProtectedResourcesSummary}, served in process to the real
 * {@code KeyManagementServiceClient} and {@code KeyTrackingServiceClient}.
 *
 * <p>Documented behaviour it follows (Cloud KMS API reference): lists are ordered by resource name and paged
 * with {@code page_size} (at most 1000; unset or 0: 1000) and an opaque {@code next_page_token}, empty on the
 * last page, with {@code total_size}; a token of another listing is INVALID_ARGUMENT; a parent or key that does
 * not exist is NOT_FOUND; a list or get of a resource the caller may not read is PERMISSION_DENIED, naming the
 * permission. Keys, versions and key rings are never deleted (Cloud KMS has no such operation): a key's
 * versions carry every state and algorithm the API has. Reads are metered per project as Cloud KMS meters them:
 * at most {@value #DEFAULT_READS_PER_MINUTE} read requests in any minute by default (lists and gets alike,
 * {@code ListLocations} included), refused beyond with RESOURCE_EXHAUSTED, on a clock the test moves. KMS
 * Inventory is not metered here. A summary of protected resources is NOT_FOUND unless the test set one, or
 * FAILED_PRECONDITION for a project outside an organisation, as the API answers.
 */
public final class FakeCloudKms {

    public static final String KMS = "google.cloud.kms.v1.KeyManagementService";
    public static final String LOCATIONS = "google.cloud.location.Locations";
    public static final String KEY_TRACKING = "google.cloud.kms.inventory.v1.KeyTrackingService";
    public static final int DEFAULT_READS_PER_MINUTE = 300;
    private static final int MAX_PAGE = 1000;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, TreeSet<String>> locations = new HashMap<>();
    private final TreeMap<String, KeyRing> rings = new TreeMap<>();
    private final TreeMap<String, CryptoKey> keys = new TreeMap<>();
    private final Map<String, TreeMap<String, CryptoKeyVersion>> versions = new HashMap<>();
    private final Map<String, ProtectedResourcesSummary> summaries = new HashMap<>();
    private final Map<String, String> denied = new HashMap<>();
    private final Map<String, String> outsideOrganisation = new HashMap<>();
    private final Map<String, Deque<Instant>> reads = new HashMap<>();
    private final Map<String, Integer> readsPerMinute = new HashMap<>();
    private final AtomicLong throttled = new AtomicLong();

    public FakeCloudKms(Clock clock) {
        this.clock = clock;
    }

    /** Registers the fake's methods on {@code apis}. */
    public FakeCloudKms serveOn(InProcessGoogleApis apis) {
        apis.unary(KMS + "/ListKeyRings", ListKeyRingsRequest.getDefaultInstance(),
                ListKeyRingsResponse.getDefaultInstance(), this::listKeyRings);
        apis.unary(KMS + "/ListCryptoKeys", ListCryptoKeysRequest.getDefaultInstance(),
                ListCryptoKeysResponse.getDefaultInstance(), this::listCryptoKeys);
        apis.unary(KMS + "/ListCryptoKeyVersions", ListCryptoKeyVersionsRequest.getDefaultInstance(),
                ListCryptoKeyVersionsResponse.getDefaultInstance(), this::listVersions);
        apis.unary(KMS + "/GetCryptoKey", GetCryptoKeyRequest.getDefaultInstance(), CryptoKey.getDefaultInstance(),
                this::getCryptoKey);
        apis.unary(LOCATIONS + "/ListLocations", ListLocationsRequest.getDefaultInstance(),
                ListLocationsResponse.getDefaultInstance(), this::listLocations);
        apis.unary(KEY_TRACKING + "/GetProtectedResourcesSummary", GetProtectedResourcesSummaryRequest.getDefaultInstance(),
                ProtectedResourcesSummary.getDefaultInstance(), this::summary);
        return this;
    }

    // --- the test's side -----------------------------------------------------------------------------------

    /** A location where Cloud KMS is offered to the project. */
    public synchronized FakeCloudKms location(String project, String location) {
        locations.computeIfAbsent(project, p -> new TreeSet<>()).add(location);
        return this;
    }

    /** A key ring (its location is added too); returns its resource name. */
    public synchronized String keyRing(String project, String location, String ring) {
        location(project, location);
        String name = "projects/" + project + "/locations/" + location + "/keyRings/" + ring;
        rings.put(name, KeyRing.newBuilder().setName(name).setCreateTime(timestamp(clock.instant())).build());
        return name;
    }

    /**
     * A crypto key in a key ring that exists, given whole but for its name (set here) and its primary version,
     * which the fake fills in from the versions when {@code primaryVersion} names one.
     */
    public synchronized String cryptoKey(String ringName, String id, CryptoKey key, List<CryptoKeyVersion> keyVersions,
                                         Optional<String> primaryVersion) {
        if (!rings.containsKey(ringName)) {
            throw new IllegalArgumentException("no key ring " + ringName);
        }
        String name = ringName + "/cryptoKeys/" + id;
        TreeMap<String, CryptoKeyVersion> byName = new TreeMap<>(FakeCloudKms::byVersionNumber);
        for (CryptoKeyVersion v : keyVersions) {
            String versionName = name + "/cryptoKeyVersions/" + v.getName();
            byName.put(versionName, v.toBuilder().setName(versionName).build());
        }
        versions.put(name, byName);
        CryptoKey.Builder b = key.toBuilder().setName(name).clearPrimary();
        primaryVersion.map(p -> byName.get(name + "/cryptoKeyVersions/" + p)).ifPresent(b::setPrimary);
        keys.put(name, b.build());
        return name;
    }

    /** Refuses {@code method} ({@code ListCryptoKeys}, ...) on a resource (its parent or name) with PERMISSION_DENIED. */
    public synchronized FakeCloudKms deny(String method, String resource, String permission) {
        denied.put(method + " " + resource, permission);
        return this;
    }

    /** Lifts a {@link #deny}. */
    public synchronized FakeCloudKms allow(String method, String resource) {
        denied.remove(method + " " + resource);
        return this;
    }

    /** What KMS Inventory says the key protects. */
    public synchronized FakeCloudKms protectedResources(String keyName, ProtectedResourcesSummary summary) {
        summaries.put(keyName, summary.toBuilder().setName(keyName + "/protectedResourcesSummary").build());
        return this;
    }

    /** The project is in no organisation: KMS Inventory cannot summarise its keys. */
    public synchronized FakeCloudKms outsideOrganisation(String project) {
        outsideOrganisation.put(project, project);
        return this;
    }

    /** The project's read quota per minute (default {@value #DEFAULT_READS_PER_MINUTE}). */
    public synchronized FakeCloudKms readsPerMinute(String project, int limit) {
        readsPerMinute.put(project, limit);
        return this;
    }

    /** Another caller's reads of the project, now: they count against its quota. */
    public synchronized FakeCloudKms spendReads(String project, int count) {
        Deque<Instant> window = reads.computeIfAbsent(project, p -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            window.addLast(clock.instant());
        }
        return this;
    }

    /** Requests refused with RESOURCE_EXHAUSTED so far. */
    public long throttled() {
        return throttled.get();
    }

    /** The most reads the project made in any minute ending at a read, this fake's own count included. */
    public synchronized int readsInLastMinute(String project) {
        Deque<Instant> window = reads.getOrDefault(project, new ArrayDeque<>());
        Instant now = clock.instant();
        return (int) window.stream().filter(t -> now.minus(MINUTE).isBefore(t)).count();
    }

    // --- the API's side ------------------------------------------------------------------------------------

    private synchronized ListLocationsResponse listLocations(ListLocationsRequest r) {
        String project = project(r.getName(), "name");
        read(project, "ListLocations", r.getName());
        List<Location> all = new ArrayList<>();
        for (String l : locations.getOrDefault(project, new TreeSet<>())) {
            all.add(Location.newBuilder().setName(r.getName() + "/locations/" + l).setLocationId(l).build());
        }
        Page<Location> page = page("ListLocations", r.getName(), all, r.getPageSize(), r.getPageToken());
        return ListLocationsResponse.newBuilder().addAllLocations(page.items()).setNextPageToken(page.next()).build();
    }

    private synchronized ListKeyRingsResponse listKeyRings(ListKeyRingsRequest r) {
        read(project(r.getParent(), "parent"), "ListKeyRings", r.getParent());
        List<KeyRing> all = children(rings, r.getParent() + "/keyRings/");
        Page<KeyRing> page = page("ListKeyRings", r.getParent(), all, r.getPageSize(), r.getPageToken());
        return ListKeyRingsResponse.newBuilder().addAllKeyRings(page.items()).setNextPageToken(page.next())
                .setTotalSize(all.size()).build();
    }

    private synchronized ListCryptoKeysResponse listCryptoKeys(ListCryptoKeysRequest r) {
        read(project(r.getParent(), "parent"), "ListCryptoKeys", r.getParent());
        if (!rings.containsKey(r.getParent())) {
            throw error(Status.Code.NOT_FOUND, "KeyRing " + r.getParent() + " not found.");
        }
        List<CryptoKey> all = children(keys, r.getParent() + "/cryptoKeys/");
        Page<CryptoKey> page = page("ListCryptoKeys", r.getParent(), all, r.getPageSize(), r.getPageToken());
        return ListCryptoKeysResponse.newBuilder().addAllCryptoKeys(page.items()).setNextPageToken(page.next())
                .setTotalSize(all.size()).build();
    }

    private synchronized ListCryptoKeyVersionsResponse listVersions(ListCryptoKeyVersionsRequest r) {
        read(project(r.getParent(), "parent"), "ListCryptoKeyVersions", r.getParent());
        TreeMap<String, CryptoKeyVersion> of = versions.get(r.getParent());
        if (of == null) {
            throw error(Status.Code.NOT_FOUND, "CryptoKey " + r.getParent() + " not found.");
        }
        List<CryptoKeyVersion> all = new ArrayList<>(of.values());
        Page<CryptoKeyVersion> page = page("ListCryptoKeyVersions", r.getParent(), all, r.getPageSize(), r.getPageToken());
        return ListCryptoKeyVersionsResponse.newBuilder().addAllCryptoKeyVersions(page.items())
                .setNextPageToken(page.next()).setTotalSize(all.size()).build();
    }

    private synchronized CryptoKey getCryptoKey(GetCryptoKeyRequest r) {
        read(project(r.getName(), "name"), "GetCryptoKey", r.getName());
        CryptoKey key = keys.get(r.getName());
        if (key == null) {
            throw error(Status.Code.NOT_FOUND, "CryptoKey " + r.getName() + " not found.");
        }
        return key;
    }

    private synchronized ProtectedResourcesSummary summary(GetProtectedResourcesSummaryRequest r) {
        String suffix = "/protectedResourcesSummary";
        String key = r.getName().endsWith(suffix) ? r.getName().substring(0, r.getName().length() - suffix.length())
                : r.getName();
        String project = project(key, "name");
        checkDenied("GetProtectedResourcesSummary", key);
        if (outsideOrganisation.containsKey(project)) {
            throw error(Status.Code.FAILED_PRECONDITION, "Project " + project + " is not in an organization.");
        }
        ProtectedResourcesSummary s = summaries.get(key);
        if (s == null || !keys.containsKey(key)) {
            throw error(Status.Code.NOT_FOUND, "No protected resources summary for " + key + ".");
        }
        return s;
    }

    /** Meters one read of the project, then refuses it if the resource is denied. */
    private void read(String project, String method, String resource) {
        Deque<Instant> window = reads.computeIfAbsent(project, p -> new ArrayDeque<>());
        Instant now = clock.instant();
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(MINUTE))) {
            window.removeFirst();
        }
        int limit = readsPerMinute.getOrDefault(project, DEFAULT_READS_PER_MINUTE);
        if (window.size() >= limit) {
            throttled.incrementAndGet();
            throw error(Status.Code.RESOURCE_EXHAUSTED, "Quota exceeded for quota metric 'Read requests' and limit "
                    + "'Read requests per minute' of service 'cloudkms.googleapis.com' for consumer 'project:" + project
                    + "'.");
        }
        window.addLast(now);
        checkDenied(method, resource);
    }

    private void checkDenied(String method, String resource) {
        String permission = denied.get(method + " " + resource);
        if (permission != null) {
            throw error(Status.Code.PERMISSION_DENIED, "Permission '" + permission + "' denied on resource '"
                    + resource + "' (or it may not exist).");
        }
    }

    private static String project(String name, String field) {
        String[] parts = name.split("/");
        if (parts.length < 2 || !parts[0].equals("projects") || parts[1].isEmpty()) {
            throw error(Status.Code.INVALID_ARGUMENT, "field " + field + ": not a resource name: '" + name + "'");
        }
        return parts[1];
    }

    private static <T> List<T> children(TreeMap<String, T> all, String prefix) {
        List<T> out = new ArrayList<>();
        all.tailMap(prefix, true).forEach((name, v) -> {
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                out.add(v);
            }
        });
        return out;
    }

    private record Page<T>(List<T> items, String next) {
    }

    private static <T> Page<T> page(String method, String parent, List<T> all, int pageSize, String token) {
        if (pageSize < 0) {
            throw error(Status.Code.INVALID_ARGUMENT, "page_size must not be negative");
        }
        int size = pageSize == 0 ? MAX_PAGE : Math.min(pageSize, MAX_PAGE);
        int from = 0;
        if (!token.isEmpty()) {
            from = decodeToken(method, parent, token).orElseThrow(() -> error(Status.Code.INVALID_ARGUMENT,
                    "Invalid page token."));
            if (from > all.size()) {
                throw error(Status.Code.INVALID_ARGUMENT, "Invalid page token.");
            }
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? encodeToken(method, parent, to) : "";
        return new Page<>(all.subList(from, to), next);
    }

    private static String encodeToken(String method, String parent, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((method + "|" + parent + "|" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Integer> decodeToken(String method, String parent, String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 3 && parts[0].equals(method) && parts[1].equals(parent)) {
                return Optional.of(Integer.parseInt(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // reported as an invalid token
        }
        return Optional.empty();
    }

    private static int byVersionNumber(String a, String b) {
        Function<String, Long> n = s -> {
            String id = s.substring(s.lastIndexOf('/') + 1);
            return id.chars().allMatch(Character::isDigit) && id.length() < 18 ? Long.parseLong(id) : Long.MAX_VALUE;
        };
        int c = Long.compare(n.apply(a), n.apply(b));
        return c != 0 ? c : a.compareTo(b);
    }

    static com.google.protobuf.Timestamp timestamp(Instant at) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
