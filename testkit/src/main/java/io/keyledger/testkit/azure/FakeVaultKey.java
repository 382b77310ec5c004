package io.keyledger.testkit.azure;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One key of a {@link FakeVault}: its versions (newest last), tags, the certificate flag, its rotation policy,
 * and, once deleted, its deletion and purge dates. Adjust it through the fluent setters; they act on the
 * current version where a setting is per version (enabled, dates, type).
 */
public final class FakeVaultKey {

    /** One version: its id (32 hex digits) and attributes. */
    public static final class Version {
        final String id;
        final Instant created;
        Instant updated;
        boolean enabled = true;
        Optional<Instant> notBefore = Optional.empty();
        Optional<Instant> expires = Optional.empty();
        String kty = "RSA";
        int size = 2048;
        Optional<String> curve = Optional.empty();
        List<String> keyOps = List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey");

        Version(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.updated = created;
        }
    }

    /** A lifetime action of the rotation policy. */
    public record Action(String type, Optional<String> timeAfterCreate, Optional<String> timeBeforeExpiry) {
    }

    final String name;
    final List<Version> versions = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    boolean managed;
    String recoveryLevel = "Recoverable+Purgeable";
    int recoverableDays = 90;
    Optional<List<Action>> rotation = Optional.empty();
    Optional<String> rotationExpiry = Optional.empty();
    Optional<Instant> deletedDate = Optional.empty();
    Optional<Instant> scheduledPurgeDate = Optional.empty();
    private int nextVersion;

    FakeVaultKey(String name, Instant created) {
        this.name = name.toLowerCase(Locale.ROOT);
        newVersion(created);
    }

    public String name() {
        return name;
    }

    /** A new current version, created at {@code at}, of the same type as the last. */
    public FakeVaultKey newVersion(Instant at) {
        Version v = new Version(String.format("%032x", new BigInteger(1, (name + "#" + nextVersion++).getBytes())
                .mod(BigInteger.ONE.shiftLeft(128))), at);
        if (!versions.isEmpty()) {
            Version last = current();
            v.kty = last.kty;
            v.size = last.size;
            v.curve = last.curve;
            v.keyOps = last.keyOps;
        }
        versions.add(v);
        return this;
    }

    Version current() {
        return versions.get(versions.size() - 1);
    }

    /** The current version's id. */
    public String currentVersion() {
        return current().id;
    }

    public List<String> versionIds() {
        return versions.stream().map(v -> v.id).toList();
    }

    public FakeVaultKey enabled(boolean enabled) {
        current().enabled = enabled;
        return this;
    }

    public FakeVaultKey notBefore(Instant at) {
        current().notBefore = Optional.of(at);
        return this;
    }

    public FakeVaultKey expires(Instant at) {
        current().expires = Optional.of(at);
        return this;
    }

    public FakeVaultKey updated(Instant at) {
        current().updated = at;
        return this;
    }

    /** RSA of {@code bits} (RSA-HSM in a managed HSM, or when {@code hsm}). */
    public FakeVaultKey rsa(int bits, boolean hsm) {
        current().kty = hsm ? "RSA-HSM" : "RSA";
        current().size = bits;
        current().curve = Optional.empty();
        return this;
    }

    /** EC on a curve ({@code P-256}, {@code P-384}, {@code P-256K}...). */
    public FakeVaultKey ec(String curve, boolean hsm) {
        current().kty = hsm ? "EC-HSM" : "EC";
        current().curve = Optional.of(curve);
        current().keyOps = List.of("sign", "verify");
        return this;
    }

    /** A symmetric key (managed HSMs only: {@code oct-HSM}). */
    public FakeVaultKey oct(int bits) {
        current().kty = "oct-HSM";
        current().size = bits;
        current().curve = Optional.empty();
        current().keyOps = List.of("encrypt", "decrypt", "wrapKey", "unwrapKey");
        return this;
    }

    public FakeVaultKey keyOps(String... ops) {
        current().keyOps = List.of(ops);
        return this;
    }

    public FakeVaultKey tag(String name, String value) {
        tags.put(name, value);
        return this;
    }

    /** The key backs a certificate: Key Vault lists it as managed. */
    public FakeVaultKey managed() {
        managed = true;
        return this;
    }

    public FakeVaultKey recoveryLevel(String level, int days) {
        recoveryLevel = level;
        recoverableDays = days;
        return this;
    }

    /** A rotation policy of its own; without one the vault answers its default (notify 30 days before expiry). */
    public FakeVaultKey rotationPolicy(List<Action> actions, Optional<String> expiryTime) {
        rotation = Optional.of(List.copyOf(actions));
        rotationExpiry = expiryTime;
        return this;
    }

    /** Rotates every {@code period} (an ISO-8601 period such as {@code P90D}). */
    public FakeVaultKey rotatesEvery(String period) {
        return rotationPolicy(List.of(new Action("Rotate", Optional.of(period), Optional.empty()),
                new Action("Notify", Optional.empty(), Optional.of("P30D"))), Optional.of("P2Y"));
    }

    /** A modulus of the key's size: only its length means anything (it is no key). */
    String modulus() {
        byte[] n = new byte[current().size / 8];
        java.util.Arrays.fill(n, (byte) 0x5A);
        n[0] = (byte) 0xC3;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n);
    }
}
