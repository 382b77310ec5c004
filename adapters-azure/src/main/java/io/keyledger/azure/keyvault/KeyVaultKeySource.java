package io.keyledger.azure.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.keyledger.azure.format.AzureJson;
import io.keyledger.azure.format.KeyAttributesJson;
import io.keyledger.azure.format.KeySpec;
import io.keyledger.azure.format.RotationPolicy;
import io.keyledger.azure.format.Tags;
import io.keyledger.azure.format.VaultKeyObservation;
import io.keyledger.azure.format.VaultObjectId;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.PacingQuota;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import io.keyledger.core.sweep.TokenBucket;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The keys of one Key Vault or managed HSM, read live: one {@link SweepScope} (subscription, vault name).
 * The listing has three phases, each page by page through {@code nextLink}: the live keys
 * ({@code GetKeys}), each read in full (its current version's details {@code GetKey}, every version
 * {@code GetKeyVersions}, the rotation policy {@code GetKeyRotationPolicy}); then the soft-deleted keys
 * ({@code GetDeletedKeys}), with their deletion and scheduled purge dates. Every key is mapped by
 * {@link VaultKeyObservation}, the one mapping the saved {@code az} listings go through, and its state
 * derived as the decoders derive it ({@link io.keyledger.azure.format.KeyState}).
 *
 * <p><b>Cursor.</b> The cursor names the phase and the {@code nextLink} to go on from ({@code live:<link>},
 * {@code arm:<link>}, {@code deleted:<link>}, the link empty for the phase's first page), so a sweep cut short
 * resumes across invocations from the page it had reached. A link is only followed to the vault's own host
 * (or Resource Manager's): a cursor comes back through a queue, and the sweep's token goes where it points.
 *
 * <p><b>Denied access.</b> A vault whose data plane refuses the listing (RBAC without a role assignment, an
 * access policy without {@code list}, a firewall) is not taken as empty: its keys are read through Azure
 * Resource Manager instead ({@code Keys_List}, the control plane), each partially observed with the data
 * plane's refusal as the reason and what to grant. Its deleted keys cannot be read that way, so the listing
 * then fails on the deleted-key phase and the sweep is reported partial: no key is classed missing. A key
 * whose own reads are refused (its details, versions or rotation policy) is kept partially observed with what
 * could be read.
 *
 * <p><b>Pacing.</b> Every data-plane request first takes a turn in the vault's token bucket: Key Vault's
 * documented 4,000 transactions per 10 seconds, times the policy's share. A throttled request ({@code 429})
 * becomes a {@link ThrottledException} carrying the {@code Retry-After} the vault gave; the {@link PacedKeySource}
 * around this source retries it after that long (within the backoff's cap), and the page goes on from the key
 * that was throttled. The SDK's own retries leave 429 alone (see {@link AzureSweepScopes}).
 *
 * <p>Safe for use from several threads: calls are serialised.
 */
public final class KeyVaultKeySource implements KeySource {

    private final KeyClient keys;
    private final AzureVault vault;
    private final ResourceManager arm;
    private final DeclaredOperations declared;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TokenBucket bucket;
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, KeyVaultKeyDetails> details = new ConcurrentHashMap<>();

    private PageInProgress page;
    /** Why the data plane refused the listing, once it has: the keys are then read through Resource Manager. */
    private Optional<String> dataPlaneDenied = Optional.empty();

    KeyVaultKeySource(KeyClient keys, DeclaredOperations declared, AzureVault vault, ResourceManager arm,
                      PacingPolicy pacing, Clock clock, Sleeper sleeper) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.declared = Objects.requireNonNull(declared, "declared");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.arm = Objects.requireNonNull(arm, "arm");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        double documented = AzureSweepOperation.GET_KEYS.documentedPerSecond().orElseThrow();
        this.bucket = new TokenBucket(documented * pacing.quotaShare(), 1, clock);
    }

    /** The source as a sweep runs it: inside a {@link PacedKeySource} that retries throttled calls. */
    static PacedKeySource paced(KeyVaultKeySource source, PacingPolicy pacing, Clock clock, Sleeper sleeper,
                                RandomGenerator random) {
        return new PacedKeySource(source, new PacingQuota(pacing, clock), sleeper, random);
    }

    @Override
    public SweepScope scope() {
        return vault.scope();
    }

    public AzureVault vault() {
        return vault;
    }

    /** The data-plane reads of the vault's kind and the Resource Manager listing of its keys. */
    @Override
    public Set<ApiOperation> operations() {
        List<AzureSweepOperation> rows = new ArrayList<>(AzureSweepOperation.of(vault.plane()));
        rows.add(vault.managedHsm() ? AzureSweepOperation.ARM_LIST_MANAGED_HSM_KEYS : AzureSweepOperation.ARM_LIST_VAULT_KEYS);
        return AzureSweepOperation.operations(rows);
    }

    /** Data-plane requests sent so far, throttled ones included, by operation name. */
    public Map<String, Long> requests() {
        return declared.requests();
    }

    /** Requests the vault throttled so far. */
    public long throttled() {
        return throttled.get();
    }

    /** What Key Vault said of each key read so far beyond the inventory's attributes, by key id. */
    public Map<String, KeyVaultKeyDetails> details() {
        return Map.copyOf(details);
    }

    // --- listing ---

    private enum Phase { LIVE, ARM, DELETED }

    private record Cursor(Phase phase, Optional<String> link) {
        static Cursor parse(Optional<String> cursor) {
            if (cursor.isEmpty()) {
                return new Cursor(Phase.LIVE, Optional.empty());
            }
            String text = cursor.get();
            int colon = text.indexOf(':');
            Phase phase;
            try {
                phase = Phase.valueOf(text.substring(0, Math.max(0, colon)).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor of a Key Vault listing: '" + text + "'");
            }
            String link = text.substring(colon + 1);
            return new Cursor(phase, link.isEmpty() ? Optional.empty() : Optional.of(link));
        }

        String text() {
            return phase.name().toLowerCase(Locale.ROOT) + ":" + link.orElse("");
        }
    }

    /** A page being read: kept when a request of it is throttled, so that its retry goes on from there. */
    private static final class PageInProgress {
        final Optional<String> cursor;
        final Phase phase;
        final List<?> entries;
        final Optional<String> next;
        final List<ObservedKey> keys = new ArrayList<>();
        int read;

        PageInProgress(Optional<String> cursor, Phase phase, List<?> entries, Optional<String> next) {
            this.cursor = cursor;
            this.phase = phase;
            this.entries = entries;
            this.next = next;
        }
    }

    @Override
    public synchronized KeyListing list(Optional<String> cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (page == null || !page.cursor.equals(cursor)) {
            page = fetch(cursor, Cursor.parse(cursor));
        }
        while (page.read < page.entries.size()) {
            Object entry = page.entries.get(page.read);
            Optional<ObservedKey> key = switch (page.phase) {
                case LIVE -> observeLive((KeyProperties) entry);
                case ARM -> Optional.of(observeThroughArm((JsonNode) entry));
                case DELETED -> Optional.of(observeDeleted((DeletedKey) entry));
            };
            key.ifPresent(page.keys::add);
            page.read++;
        }
        PageInProgress done = page;
        page = null;
        return new KeyListing(done.keys, done.next);
    }

    private PageInProgress fetch(Optional<String> cursorText, Cursor cursor) {
        cursor.link().ifPresent(link -> requireOwnLink(cursor.phase(), link));
        return switch (cursor.phase()) {
            case LIVE -> {
                try {
                    PagedResponse<KeyProperties> response = call(AzureSweepOperation.GET_KEYS, "", () ->
                            (cursor.link().isPresent() ? keys.listPropertiesOfKeys().iterableByPage(cursor.link().get())
                                    : keys.listPropertiesOfKeys().iterableByPage()).iterator().next());
                    Optional<String> next = Optional.ofNullable(response.getContinuationToken()).filter(s -> !s.isBlank());
                    yield new PageInProgress(cursorText, Phase.LIVE, response.getValue(),
                            Optional.of(next.map(n -> new Cursor(Phase.LIVE, Optional.of(n)))
                                    .orElse(new Cursor(Phase.DELETED, Optional.empty())).text()));
                } catch (HttpResponseException e) {
                    if (!denied(e)) {
                        throw failure("list the keys of", e);
                    }
                    dataPlaneDenied = Optional.of(vault.name() + " refused the key listing (GetKeys: "
                            + KeyVaultErrors.describe(e) + "; " + grantAdvice() + ")");
                    yield fetch(Optional.of("arm:"), new Cursor(Phase.ARM, Optional.empty()));
                }
            }
            case ARM -> {
                String first = arm.url(vault.resourceId() + "/keys", ResourceManager.KEY_VAULT_API);
                ResourceManager.Page response = arm.page(cursor.link().orElse(first),
                        "list the keys of " + vault.name() + " through Resource Manager");
                yield new PageInProgress(cursorText, Phase.ARM, response.items(),
                        Optional.of(response.nextLink().map(n -> new Cursor(Phase.ARM, Optional.of(n)))
                                .orElse(new Cursor(Phase.DELETED, Optional.empty())).text()));
            }
            case DELETED -> {
                try {
                    PagedResponse<DeletedKey> response = call(AzureSweepOperation.GET_DELETED_KEYS, "", () ->
                            (cursor.link().isPresent() ? keys.listDeletedKeys().iterableByPage(cursor.link().get())
                                    : keys.listDeletedKeys().iterableByPage()).iterator().next());
                    Optional<String> next = Optional.ofNullable(response.getContinuationToken()).filter(s -> !s.isBlank());
                    yield new PageInProgress(cursorText, Phase.DELETED, response.getValue(),
                            next.map(n -> new Cursor(Phase.DELETED, Optional.of(n)).text()));
                } catch (HttpResponseException e) {
                    throw failure("list the deleted keys of", e);
                }
            }
        };
    }

    /** A link from a cursor is followed only to where its phase's listing lives: the vault, or Resource Manager. */
    private void requireOwnLink(Phase phase, String link) {
        if (phase == Phase.ARM) {
            arm.requireOwnEndpoint(link, "a cursor of " + vault.name());
            return;
        }
        String own = vault.url() + "/";
        String port443 = "https://" + vault.uri().getHost() + ":443/";
        if (!link.regionMatches(true, 0, own, 0, own.length()) && !link.regionMatches(true, 0, port443, 0, port443.length())) {
            throw new IllegalArgumentException("cursor of " + vault.name() + " leads away from " + vault.url() + ": '"
                    + link + "'");
        }
    }

    // --- one key ---

    @Override
    public synchronized Optional<ObservedKey> describe(KeyRef key) {
        VaultObjectId id = VaultObjectId.parse(key.nativeId()).filter(VaultObjectId::isKey)
                .orElseThrow(() -> new IllegalArgumentException("not a Key Vault key id: '" + key.nativeId() + "'"));
        if (key.provider() != Provider.AZURE || !id.vault().equals(vault.name())
                || !key.accountScope().equals(vault.subscription())) {
            throw new IllegalArgumentException("key " + key.id() + " is not of scope " + scope().id());
        }
        KeyVaultKey current;
        try {
            current = call(AzureSweepOperation.GET_KEY, id.name(), () -> keys.getKey(id.name()));
        } catch (HttpResponseException e) {
            if (KeyVaultErrors.status(e) != 404) {
                throw failure("read key " + id.name() + " of", e);
            }
            try {
                DeletedKey deleted = call(AzureSweepOperation.GET_DELETED_KEY, id.name(), () -> keys.getDeletedKey(id.name()));
                return Optional.of(observeDeleted(deleted));
            } catch (HttpResponseException gone) {
                if (KeyVaultErrors.status(gone) == 404) {
                    return Optional.empty();
                }
                throw failure("read deleted key " + id.name() + " of", gone);
            }
        }
        return observeLive(current.getProperties(), Optional.of(current));
    }

    private Optional<ObservedKey> observeLive(KeyProperties listed) {
        return observeLive(listed, Optional.empty());
    }

    /** Reads one live key in full; empty if it is gone by the time its details are read. */
    private Optional<ObservedKey> observeLive(KeyProperties listed, Optional<KeyVaultKey> alreadyRead) {
        VaultObjectId id = keyId(listed.getId());
        Instant now = clock.instant();
        KeyAttributesJson attrs = attributes(listed);
        VaultKeyObservation key = observation(id)
                .listed(attrs, tags(listed.getTags()), Boolean.TRUE.equals(listed.isManaged()), now);
        String name = id.name();
        Optional<KeyVaultKey> details = alreadyRead;
        if (details.isEmpty()) {
            try {
                details = Optional.of(call(AzureSweepOperation.GET_KEY, name, () -> keys.getKey(listed.getName())));
            } catch (HttpResponseException e) {
                if (KeyVaultErrors.status(e) == 404) {
                    return Optional.empty();
                }
                keyLevel(e, "GetKey", key);
            }
        }
        details.ifPresent(d -> {
            spec(key, d.getKey());
            KeyProperties p = d.getProperties();
            keyId(p.getId()).version().ifPresent(v -> key.currentVersion(v, attributes(p), now));
        });
        try {
            Map<String, KeyAttributesJson> versions = new LinkedHashMap<>();
            String link = null;
            do {
                String from = link;
                PagedResponse<KeyProperties> response = call(AzureSweepOperation.GET_KEY_VERSIONS, name, () ->
                        (from == null ? keys.listPropertiesOfKeyVersions(listed.getName()).iterableByPage()
                                : keys.listPropertiesOfKeyVersions(listed.getName()).iterableByPage(from)).iterator().next());
                for (KeyProperties v : response.getValue()) {
                    keyId(v.getId()).version().ifPresent(version -> versions.put(version, attributes(v)));
                }
                link = response.getContinuationToken();
            } while (link != null && !link.isBlank());
            key.versions(versions, now);
        } catch (HttpResponseException e) {
            if (KeyVaultErrors.status(e) == 404) {
                return Optional.empty();
            }
            keyLevel(e, "GetKeyVersions", key);
        }
        try {
            KeyRotationPolicy policy = call(AzureSweepOperation.GET_KEY_ROTATION_POLICY, name,
                    () -> keys.getKeyRotationPolicy(listed.getName()));
            key.rotation(rotationPolicy(policy));
        } catch (HttpResponseException e) {
            // A key without a policy of its own: Key Vault answers 404, and the key does not rotate.
            if (KeyVaultErrors.status(e) == 404) {
                key.rotation(new RotationPolicy(List.of(), Optional.empty()));
            } else {
                keyLevel(e, "GetKeyRotationPolicy", key);
            }
        }
        remember(key.ref(), listed, Optional.empty(), Optional.empty());
        return Optional.of(key.toObservedKey());
    }

    private ObservedKey observeDeleted(DeletedKey deleted) {
        KeyProperties p = deleted.getProperties();
        VaultObjectId id = keyId(Optional.ofNullable(deleted.getRecoveryId()).orElse(p.getId()));
        Optional<Instant> purge = instant(deleted.getScheduledPurgeDate());
        Optional<Instant> deletedOn = instant(deleted.getDeletedOn());
        VaultKeyObservation key = observation(id)
                .deleted(attributes(p), tags(p.getTags()), Boolean.TRUE.equals(p.isManaged()), deletedOn, purge);
        remember(key.ref(), p, deletedOn, purge);
        return key.toObservedKey();
    }

    /** A key as Resource Manager lists it ({@code Keys_List}): partially observed, the data plane having refused. */
    private ObservedKey observeThroughArm(JsonNode item) {
        RecordFields fields = AzureJson.fields(item);
        RecordFields properties = AzureJson.fields(fields.get("properties"));
        String uri = properties.looseText("keyUriWithVersion").or(() -> properties.looseText("keyUri"))
                .orElseGet(() -> vault.url() + "/keys/" + fields.looseText("name").orElse(""));
        VaultObjectId id = keyId(uri);
        Instant now = clock.instant();
        KeyAttributesJson attrs = KeyAttributesJson.of(properties.get("attributes"));
        VaultKeyObservation key = observation(id).listed(attrs, Tags.of(fields.get("tags")), false, now);
        List<String> ops = new ArrayList<>();
        JsonNode keyOps = properties.get("keyOps");
        if (keyOps.isArray()) {
            keyOps.forEach(o -> AzureJson.DIALECT.looseText(o).ifPresent(ops::add));
        }
        OptionalInt size = properties.looseText("keySize").map(s -> {
            try {
                return OptionalInt.of(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }).orElse(OptionalInt.empty());
        key.spec(properties.looseText("kty"), properties.looseText("curveName"), size, ops);
        id.version().ifPresent(v -> key.currentVersion(v, attrs, now));
        JsonNode policy = properties.get("rotationPolicy");
        if (policy.isObject()) {
            key.rotation(RotationPolicy.read(policy));
        }
        key.unreadable(dataPlaneDenied.orElse(vault.name() + " refused its data plane")
                + "; observed through Azure Resource Manager");
        return key.toObservedKey();
    }

    /** A key of this vault, with the vault's access model as Resource Manager described it. */
    private VaultKeyObservation observation(VaultObjectId id) {
        return new VaultKeyObservation(id, vault.subscription(), vault.managedHsm())
                .accessModel(vault.accessModel() != VaultAccessModel.ACCESS_POLICIES);
    }

    private void remember(KeyRef ref, KeyProperties p, Optional<Instant> deletedOn, Optional<Instant> purge) {
        details.put(ref.id(), new KeyVaultKeyDetails(ref.id(), Optional.ofNullable(p.getRecoveryLevel()),
                Optional.ofNullable(p.getRecoverableDays()), instant(p.getUpdatedOn()), Boolean.TRUE.equals(p.isManaged()),
                Optional.ofNullable(p.isExportable()), deletedOn, purge, vault.accessModel()));
    }

    private static void spec(VaultKeyObservation key, JsonWebKey jwk) {
        if (jwk == null) {
            return;
        }
        Optional<String> kty = Optional.ofNullable(jwk.getKeyType()).map(Object::toString);
        Optional<String> crv = Optional.ofNullable(jwk.getCurveName()).map(Object::toString);
        // Only the modulus's length is kept: it tells an RSA key's size, and is dropped at once.
        OptionalInt size = jwk.getN() == null || jwk.getN().length == 0 ? OptionalInt.empty()
                : OptionalInt.of(new BigInteger(1, jwk.getN()).bitLength());
        List<String> ops = new ArrayList<>();
        if (jwk.getKeyOps() != null) {
            jwk.getKeyOps().forEach(o -> ops.add(o.toString()));
        }
        key.spec(kty, crv, size, ops);
    }

    private static RotationPolicy rotationPolicy(KeyRotationPolicy policy) {
        List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
        if (policy.getLifetimeActions() != null) {
            for (KeyRotationLifetimeAction a : policy.getLifetimeActions()) {
                actions.add(new RotationPolicy.LifetimeAction(a.getAction() == null ? "" : a.getAction().toString(),
                        Optional.ofNullable(a.getTimeAfterCreate()), Optional.ofNullable(a.getTimeBeforeExpiry())));
            }
        }
        return new RotationPolicy(actions, Optional.ofNullable(policy.getExpiresIn()));
    }

    private static KeyAttributesJson attributes(KeyProperties p) {
        return new KeyAttributesJson(Optional.ofNullable(p.isEnabled()), instant(p.getNotBefore()),
                instant(p.getExpiresOn()), instant(p.getCreatedOn()), Optional.ofNullable(p.getRecoveryLevel()),
                Optional.ofNullable(p.getRecoverableDays()), instant(p.getUpdatedOn()));
    }

    private static Map<String, String> tags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (k != null && v != null && !k.isBlank() && k.chars().noneMatch(Character::isISOControl)) {
                    out.put(k.trim(), v);
                }
            });
        }
        return out;
    }

    private static Optional<Instant> instant(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    /** The key an identifier names, which must be of this vault. */
    private VaultObjectId keyId(String kid) {
        VaultObjectId id = VaultObjectId.parse(kid).filter(VaultObjectId::isKey).orElseThrow(() ->
                new IllegalStateException("Key Vault " + vault.name() + " listed an entry that names no key: '" + kid + "'"));
        if (!id.vault().equals(vault.name())) {
            throw new IllegalStateException("Key Vault " + vault.name() + " listed key " + kid + " of another vault");
        }
        return id;
    }

    // --- errors, pacing ---

    private static boolean denied(HttpResponseException e) {
        int status = KeyVaultErrors.status(e);
        return status == 401 || status == 403;
    }

    /** A refusal of one key's read makes the key partial; the service's own failures fail the call. */
    private void keyLevel(HttpResponseException e, String operation, VaultKeyObservation key) {
        if (!denied(e) && KeyVaultErrors.status(e) != 400) {
            throw failure(operation + " in", e);
        }
        key.unreadable(operation + ": " + KeyVaultErrors.describe(e) + (denied(e) ? " (" + grantAdvice() + ")" : ""));
    }

    private AzureCallException failure(String what, HttpResponseException e) {
        return new AzureCallException("Key Vault refused to " + what + " " + vault.name() + ": " + KeyVaultErrors.describe(e)
                + (denied(e) ? " (" + grantAdvice() + ")" : ""), KeyVaultErrors.status(e), "", e);
    }

    /** What the sweep's identity needs on this vault, in the vault's own access model. */
    private String grantAdvice() {
        return switch (vault.accessModel()) {
            case AZURE_RBAC -> "the vault uses Azure RBAC: assign the sweep's identity a role with the data actions "
                    + "Microsoft.KeyVault/vaults/keys/read, keyrotationpolicies/read and deletedKeys/read";
            case ACCESS_POLICIES -> "the vault uses access policies: give the sweep's identity the key permissions "
                    + "list, get and getrotationpolicy";
            case MANAGED_HSM_LOCAL_RBAC -> "the managed HSM uses its local RBAC: assign the sweep's identity a role with "
                    + "Microsoft.KeyVault/managedHsm/keys/read/action and keys/deletedKeys/read/action";
        };
    }

    /**
     * Sends one data-plane request in its turn: waits for the vault's quota, then calls. A throttled request is a
     * {@link ThrottledException} carrying the vault's Retry-After.
     */
    private <T> T call(AzureSweepOperation row, String key, Supplier<T> send) {
        Duration wait = bucket.reserve();
        if (!wait.isZero()) {
            try {
                sleeper.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while pacing " + row.operationName() + " of " + scope().id());
            }
        }
        try {
            return send.get();
        } catch (HttpResponseException e) {
            if (KeyVaultErrors.status(e) == 429) {
                throttled.incrementAndGet();
                throw new ThrottledException(row.operationName() + (key.isEmpty() ? "" : " of " + key) + " in "
                        + vault.name() + " throttled: " + KeyVaultErrors.describe(e), KeyVaultErrors.retryAfter(e), e);
            }
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof HttpResponseException h) {
                throw h;
            }
            throw e;
        }
    }
}
