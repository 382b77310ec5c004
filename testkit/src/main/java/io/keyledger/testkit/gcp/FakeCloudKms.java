package io.keyledger.testkit.gcp;

import static io.keyledger.testkit.gcp.InProcessGoogleApis.error;

import com.google.cloud.kms.inventory.v1.GetProtectedResourcesSummaryRequest;
import com.google.cloud.kms.inventory.v1.ProtectedResourcesSummary;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.GetCryptoKeyRequest;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.KeyRing;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsRequest;
import com.google.cloud.kms.v1.ListCryptoKeyVersionsResponse;
import com.google.cloud.kms.v1.ListCryptoKeysRequest;
import com.google.cloud.kms.v1.ListCryptoKeysResponse;
import com.google.cloud.kms.v1.ListKeyRingsRequest;
import com.google.cloud.kms.v1.ListKeyRingsResponse;
import com.google.cloud.kms.v1.PublicKey;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.ListLocationsResponse;
import com.google.cloud.location.Location;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
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
import java.util.zip.CRC32C;

/**
 * Cloud KMS's {@code KeyManagementService} (the reads a sweep makes, and the ledger signer's
 * {@code AsymmetricSign} and {@code GetPublicKey} on versions given a real key pair), its {@code Locations} mixin and KMS
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
    private final Map<String, KeyPair> signingKeys = new HashMap<>();
    private int corruptNextChecksums;

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
        apis.unary(KMS + "/AsymmetricSign", AsymmetricSignRequest.getDefaultInstance(),
                AsymmetricSignResponse.getDefaultInstance(), this::asymmetricSign);
        apis.unary(KMS + "/GetPublicKey", GetPublicKeyRequest.getDefaultInstance(), PublicKey.getDefaultInstance(),
                this::getPublicKey);
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

    /**
     * Gives a key version of a key that exists (added with {@link #cryptoKey}, algorithm
     * {@code EC_SIGN_P256_SHA256}) a real EC P-256 key pair: {@code AsymmetricSign} then signs with its private key
     * and {@code GetPublicKey} answers its public key. The test keeps the pair; nothing else sees it.
     */
    public synchronized FakeCloudKms signingKey(String versionName, KeyPair pair) {
        String key = versionName.substring(0, versionName.indexOf("/cryptoKeyVersions/"));
        if (!versions.getOrDefault(key, new TreeMap<>()).containsKey(versionName)) {
            throw new IllegalArgumentException("no key version " + versionName);
        }
        signingKeys.put(versionName, pair);
        return this;
    }

    /** The next {@code answers} signatures and public keys carry a CRC32C that does not match them (a corruption in transit). */
    public synchronized FakeCloudKms corruptNextChecksums(int answers) {
        corruptNextChecksums = answers;
        return this;
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

    /**
     * Signs a SHA-256 digest with the version's key, as Cloud KMS documents it: the digest's CRC32C, when sent, is
     * checked (INVALID_ARGUMENT when it does not match) and {@code verified_digest_crc32c} says so; the DER signature
     * comes back with its own CRC32C and the version's name. A version that is not enabled is FAILED_PRECONDITION; one
     * whose algorithm cannot sign a SHA-256 digest is INVALID_ARGUMENT.
     */
    private synchronized AsymmetricSignResponse asymmetricSign(AsymmetricSignRequest r) {
        CryptoKeyVersion version = existingVersion(r.getName());
        checkDenied("AsymmetricSign", r.getName());
        if (version.getState() != CryptoKeyVersion.CryptoKeyVersionState.ENABLED) {
            throw error(Status.Code.FAILED_PRECONDITION, r.getName() + " is not enabled, current state is: "
                    + version.getState() + ".");
        }
        KeyPair pair = signingKeys.get(r.getName());
        if (pair == null || version.getAlgorithm() != CryptoKeyVersion.CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256) {
            throw error(Status.Code.INVALID_ARGUMENT, "Digest type or algorithm does not match the key "
                    + r.getName() + " (" + version.getAlgorithm() + ").");
        }
        if (!r.hasDigest() || !r.getDigest().hasSha256() || r.getDigest().getSha256().size() != 32) {
            throw error(Status.Code.INVALID_ARGUMENT, "The request must contain a SHA-256 digest of 32 bytes.");
        }
        byte[] digest = r.getDigest().getSha256().toByteArray();
        if (r.hasDigestCrc32C() && r.getDigestCrc32C().getValue() != crc32c(digest)) {
            throw error(Status.Code.INVALID_ARGUMENT, "The checksum in field digest_crc32c did not match the data in "
                    + "field digest.");
        }
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("NONEwithECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(digest);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the fake cannot sign", e);
        }
        return AsymmetricSignResponse.newBuilder().setSignature(ByteString.copyFrom(signature))
                .setSignatureCrc32C(Int64Value.of(checksum(signature))).setVerifiedDigestCrc32C(r.hasDigestCrc32C())
                .setName(r.getName()).setProtectionLevel(version.getProtectionLevel()).build();
    }

    /** The version's public key in PEM, with its CRC32C, algorithm and name, as Cloud KMS answers it. */
    private synchronized PublicKey getPublicKey(GetPublicKeyRequest r) {
        CryptoKeyVersion version = existingVersion(r.getName());
        checkDenied("GetPublicKey", r.getName());
        KeyPair pair = signingKeys.get(r.getName());
        if (pair == null) {
            throw error(Status.Code.FAILED_PRECONDITION, "Operation requested for Key " + r.getName()
                    + " cannot be performed because the key is not asymmetric.");
        }
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return PublicKey.newBuilder().setPem(pem).setPemCrc32C(Int64Value.of(checksum(pem.getBytes(StandardCharsets.UTF_8))))
                .setAlgorithm(version.getAlgorithm()).setName(r.getName())
                .setProtectionLevel(version.getProtectionLevel()).build();
    }

    private CryptoKeyVersion existingVersion(String name) {
        int at = name.indexOf("/cryptoKeyVersions/");
        CryptoKeyVersion version = at < 0 ? null : versions.getOrDefault(name.substring(0, at), new TreeMap<>()).get(name);
        if (version == null) {
            throw error(Status.Code.NOT_FOUND, "CryptoKeyVersion " + name + " not found.");
        }
        return version;
    }

    /** The CRC32C of {@code bytes}, or a wrong one while the test corrupts answers. */
    private long checksum(byte[] bytes) {
        long crc = crc32c(bytes);
        if (corruptNextChecksums > 0) {
            corruptNextChecksums--;
            return crc ^ 1;
        }
        return crc;
    }

    /** CRC32C (Castagnoli), as Cloud KMS's integrity fields carry it. */
    public static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
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
