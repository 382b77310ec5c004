package io.keyledger.gcp.cloudkms;

import io.keyledger.core.sweep.PacingPolicy;
import java.util.Objects;

/**
 * How a {@link CloudKmsKeySource} reads one project and location.
 *
 * @param keysPerPage         ListCryptoKeys {@code page_size}, 1 to 1000: keys per listing page. Each page's keys
 *                            (and their versions) are read before the page is returned, so a page is the unit a
 *                            resumed sweep restarts from.
 * @param keyRingsPerPage     ListKeyRings {@code page_size}, 1 to 1000
 * @param versionsPerPage     ListCryptoKeyVersions {@code page_size}, 1 to 1000
 * @param protectedResources  whether to ask KMS Inventory what each key protects (one more request per key, to
 *                            another service; the key's project must be in an organisation)
 * @param pacing              the share of Cloud KMS's read quota the sweep may use, and how it retries when
 *                            throttled ({@link PacingPolicy#gcp()}); KMS Inventory is paced at the same rate
 */
public record CloudKmsSweepOptions(int keysPerPage, int keyRingsPerPage, int versionsPerPage,
                                   boolean protectedResources, PacingPolicy pacing) {

    public static final int MAX_PAGE_SIZE = 1000;

    public CloudKmsSweepOptions {
        requireRange("keysPerPage", keysPerPage);
        requireRange("keyRingsPerPage", keyRingsPerPage);
        requireRange("versionsPerPage", versionsPerPage);
        Objects.requireNonNull(pacing, "pacing");
        if (!pacing.sharedQuota()) {
            throw new IllegalArgumentException("Cloud KMS meters lists and gets under one read quota: the pacing "
                    + "policy must have a shared quota");
        }
    }

    /** 100 keys and key rings a page, the largest version pages, no KMS Inventory, and {@link PacingPolicy#gcp()}. */
    public static CloudKmsSweepOptions defaults() {
        return new CloudKmsSweepOptions(100, 100, MAX_PAGE_SIZE, false, PacingPolicy.gcp());
    }

    public CloudKmsSweepOptions withPageSizes(int keys, int keyRings, int versions) {
        return new CloudKmsSweepOptions(keys, keyRings, versions, protectedResources, pacing);
    }

    public CloudKmsSweepOptions withProtectedResources(boolean read) {
        return new CloudKmsSweepOptions(keysPerPage, keyRingsPerPage, versionsPerPage, read, pacing);
    }

    public CloudKmsSweepOptions withPacing(PacingPolicy policy) {
        return new CloudKmsSweepOptions(keysPerPage, keyRingsPerPage, versionsPerPage, protectedResources, policy);
    }

    private static void requireRange(String name, int value) {
        if (value < 1 || value > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_PAGE_SIZE + ": " + value);
        }
    }
}
