package io.keyledger.testkit.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One vault or managed HSM of the {@link FakeAzure}: where Resource Manager lists it (subscription, resource
 * group, region, access model) and what its data plane holds (live and soft-deleted keys), with the faults a
 * test can turn on: a data plane that denies the sweep (403 as RBAC or an access policy words it), denied
 * operations, throttling (429 with {@code Retry-After}), and a page size to force {@code nextLink} paging.
 */
public final class FakeVault {

    final String name;
    final boolean managedHsm;
    final String subscription;
    final String resourceGroup;
    String location = "westeurope";
    boolean rbac = true;
    boolean purgeProtection;
    int softDeleteDays = 90;
    int pageSize = 25;
    boolean dataPlaneDenied;
    final Set<String> deniedOperations = new HashSet<>();
    int throttleNext;
    int passBeforeThrottle;
    int retryAfterSeconds;
    final Map<String, FakeVaultKey> keys = new LinkedHashMap<>();
    final Map<String, FakeVaultKey> deleted = new LinkedHashMap<>();

    FakeVault(String name, boolean managedHsm, String subscription, String resourceGroup) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.managedHsm = managedHsm;
        this.subscription = subscription.toLowerCase(Locale.ROOT);
        this.resourceGroup = resourceGroup;
    }

    public String name() {
        return name;
    }

    /** {@code <name>.vault.azure.net} or {@code <name>.managedhsm.azure.net}. */
    public String host() {
        return name + (managedHsm ? ".managedhsm.azure.net" : ".vault.azure.net");
    }

    /** The vault uses access policies rather than Azure RBAC (Resource Manager reports it). */
    public synchronized FakeVault accessPolicies() {
        rbac = false;
        return this;
    }

    public synchronized FakeVault location(String region) {
        location = region;
        return this;
    }

    public synchronized FakeVault purgeProtection(int softDeleteRetentionDays) {
        purgeProtection = true;
        softDeleteDays = softDeleteRetentionDays;
        return this;
    }

    /** Keys per page of every listing (Key Vault's maximum and default is 25). */
    public synchronized FakeVault pageSize(int size) {
        if (size < 1 || size > 25) {
            throw new IllegalArgumentException("Key Vault pages hold 1 to 25 items");
        }
        pageSize = size;
        return this;
    }

    /** The data plane refuses the sweep's identity everything (no role assignment, no access policy). */
    public synchronized FakeVault denyDataPlane() {
        dataPlaneDenied = true;
        return this;
    }

    /** The data plane refuses one operation ({@code GetKeyRotationPolicy}, {@code GetKey}...), on any key. */
    public synchronized FakeVault deny(String operation) {
        deniedOperations.add(operation);
        return this;
    }

    /** The next {@code requests} data-plane requests are throttled: 429 with {@code Retry-After: seconds}. */
    public synchronized FakeVault throttleNext(int requests, int seconds) {
        return throttleAfter(0, requests, seconds);
    }

    /**
     * The next {@code passing} data-plane requests are answered, and the {@code requests} after them throttled: 429
     * with {@code Retry-After: seconds} (a sweep that reads its first pages, then meets another caller's load).
     */
    public synchronized FakeVault throttleAfter(int passing, int requests, int seconds) {
        passBeforeThrottle = passing;
        throttleNext = requests;
        retryAfterSeconds = seconds;
        return this;
    }

    /** Adds an enabled RSA-2048 key with one version created at {@code created}. */
    public synchronized FakeVaultKey addKey(String keyName, Instant created) {
        FakeVaultKey key = new FakeVaultKey(keyName, created);
        if (managedHsm) {
            key.rsa(2048, true);
        }
        keys.put(key.name, key);
        return key;
    }

    public synchronized Optional<FakeVaultKey> key(String keyName) {
        return Optional.ofNullable(keys.get(keyName.toLowerCase(Locale.ROOT)));
    }

    /** Soft-deletes a key at {@code at}: it is recoverable until the vault's retention has passed. */
    public synchronized FakeVaultKey delete(String keyName, Instant at) {
        FakeVaultKey key = keys.remove(keyName.toLowerCase(Locale.ROOT));
        if (key == null) {
            throw new IllegalArgumentException("no key " + keyName + " in " + name);
        }
        key.deletedDate = Optional.of(at);
        key.scheduledPurgeDate = Optional.of(at.plus(Duration.ofDays(softDeleteDays)));
        deleted.put(key.name, key);
        return key;
    }

    /** Purges a deleted key (or removes a live one at once, as a purge after deletion does). */
    public synchronized void purge(String keyName) {
        keys.remove(keyName.toLowerCase(Locale.ROOT));
        deleted.remove(keyName.toLowerCase(Locale.ROOT));
    }

    synchronized boolean takeThrottle() {
        if (passBeforeThrottle > 0) {
            passBeforeThrottle--;
            return false;
        }
        if (throttleNext > 0) {
            throttleNext--;
            return true;
        }
        return false;
    }
}
