package io.keyledger.aws.kms;

import io.keyledger.core.sweep.PacingPolicy;
import java.util.Objects;

/**
 * How a {@link KmsKeySource} reads one account and region.
 *
 * @param keysPerPage    ListKeys {@code Limit}: keys per listing page, 1 to 1000 (AWS's default is 100).
 *                       Each page's keys are described before the page is returned, so a page is the unit
 *                       a resumed sweep restarts from.
 * @param aliasesPerPage ListAliases {@code Limit}, 1 to 100 (AWS's default is 50)
 * @param tagsPerPage    ListResourceTags {@code Limit}, 1 to 50 (AWS's default and maximum); ListGrants
 *                       pages as many grants
 * @param pacing         the share of KMS's documented request quotas the sweep may use, and how it
 *                       retries when throttled ({@link PacingPolicy#aws()})
 * @param usageAndAccess whether each key's last use (GetKeyLastUsage), grants (ListGrants) and key policy
 *                       (GetKeyPolicy) are read too. GetKeyLastUsage's quota is 5 requests a second, so an
 *                       account of many thousand keys takes that many seconds over two; turn it off for a
 *                       quick sweep of states and attributes only.
 */
public record KmsSweepOptions(int keysPerPage, int aliasesPerPage, int tagsPerPage, PacingPolicy pacing,
                              boolean usageAndAccess) {

    public static final int MAX_KEYS_PER_PAGE = 1000;
    public static final int MAX_ALIASES_PER_PAGE = 100;
    public static final int MAX_TAGS_PER_PAGE = 50;

    public KmsSweepOptions {
        requireRange("keysPerPage", keysPerPage, MAX_KEYS_PER_PAGE);
        requireRange("aliasesPerPage", aliasesPerPage, MAX_ALIASES_PER_PAGE);
        requireRange("tagsPerPage", tagsPerPage, MAX_TAGS_PER_PAGE);
        Objects.requireNonNull(pacing, "pacing");
    }

    /** 100 keys a page, the largest alias and tag pages, {@link PacingPolicy#aws()}, usage and access read. */
    public static KmsSweepOptions defaults() {
        return new KmsSweepOptions(100, MAX_ALIASES_PER_PAGE, MAX_TAGS_PER_PAGE, PacingPolicy.aws(), true);
    }

    public KmsSweepOptions withPageSizes(int keys, int aliases, int tags) {
        return new KmsSweepOptions(keys, aliases, tags, pacing, usageAndAccess);
    }

    public KmsSweepOptions withPacing(PacingPolicy policy) {
        return new KmsSweepOptions(keysPerPage, aliasesPerPage, tagsPerPage, policy, usageAndAccess);
    }

    public KmsSweepOptions withUsageAndAccess(boolean read) {
        return new KmsSweepOptions(keysPerPage, aliasesPerPage, tagsPerPage, pacing, read);
    }

    private static void requireRange(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ": " + value);
        }
    }
}
