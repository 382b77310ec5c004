package io.keyledger.core.sweep;

import io.keyledger.core.key.Provider;
import java.time.Duration;
import java.util.Objects;

/**
 * How fast a sweep may call one provider quota, and how it retries when throttled.
 *
 * <p>Provider quotas are shared with every other caller of the same account, project or vault (the
 * applications that use the keys among them), so a sweep takes only a share of the documented rate: a
 * sweep that spends the whole quota throttles production traffic. The documented rates are kept as
 * constants so that the defaults can be checked against the providers' pages:
 * <ul>
 *   <li>AWS KMS, per account and region: ListKeys and ListAliases 500/s; DescribeKey and
 *       ListResourceTags 2000/s; GetKeyRotationStatus and GetKeyPolicy 1000/s; ListKeyRotations and
 *       ListGrants 100/s; GetKeyLastUsage and DescribeCustomKeyStores 5/s.</li>
 *   <li>Google Cloud KMS: 300 read requests per minute per project, lists and gets alike.</li>
 *   <li>Azure Key Vault: 4000 read transactions per 10 seconds per vault, lists and gets alike.</li>
 * </ul>
 *
 * @param listPerSecond     the provider's documented rate for a listing page
 * @param describePerSecond the provider's documented rate for a direct read of one key
 * @param sharedQuota       whether listing and reading draw from one provider quota (Google, Azure): then
 *                          one bucket paces both classes, and the two rates must be equal
 * @param quotaShare        the share of the documented rate this sweep may use, in (0, 1]
 * @param maxRetries        how many times one throttled request is retried before the sweep gives up on it
 * @param baseBackoff       the ceiling of the first retry's wait
 * @param maxBackoff        the ceiling of any retry's wait
 */
public record PacingPolicy(double listPerSecond, double describePerSecond, boolean sharedQuota, double quotaShare,
                           int maxRetries, Duration baseBackoff, Duration maxBackoff) {

    /** AWS ListKeys and ListAliases, requests per second per account and region. */
    public static final double AWS_LIST_KEYS_PER_SECOND = 500;
    /** AWS DescribeKey, requests per second per account and region. */
    public static final double AWS_DESCRIBE_KEY_PER_SECOND = 2000;
    /** AWS ListResourceTags, requests per second per account and region. */
    public static final double AWS_LIST_RESOURCE_TAGS_PER_SECOND = 2000;
    /** AWS GetKeyRotationStatus, requests per second per account and region. */
    public static final double AWS_GET_KEY_ROTATION_STATUS_PER_SECOND = 1000;
    /** AWS ListKeyRotations, requests per second per account and region. */
    public static final double AWS_LIST_KEY_ROTATIONS_PER_SECOND = 100;
    /** AWS GetKeyLastUsage, requests per second per account and region. */
    public static final double AWS_GET_KEY_LAST_USAGE_PER_SECOND = 5;
    /** AWS ListGrants, requests per second per account and region. */
    public static final double AWS_LIST_GRANTS_PER_SECOND = 100;
    /** AWS GetKeyPolicy, requests per second per account and region. */
    public static final double AWS_GET_KEY_POLICY_PER_SECOND = 1000;
    /** AWS DescribeCustomKeyStores, requests per second per account and region. */
    public static final double AWS_DESCRIBE_CUSTOM_KEY_STORES_PER_SECOND = 5;
    /** Google Cloud KMS read requests per minute per project (the default quota). */
    public static final int GCP_READS_PER_MINUTE = 300;
    /** Azure Key Vault read transactions per 10 seconds per vault. */
    public static final int AZURE_READS_PER_TEN_SECONDS = 4000;

    /** Half the quota: the rest is left to the applications that share it. */
    public static final double DEFAULT_QUOTA_SHARE = 0.5;
    /** Retries of one request, waiting up to 1, 2, 4, 8 and 16 s (Azure's and Google's throttling guidance). */
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(1);
    /** Google's guidance caps backoff at 32 or 64 s; the shorter keeps a throttled worker moving. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(32);

    public PacingPolicy {
        requireRate("listPerSecond", listPerSecond);
        requireRate("describePerSecond", describePerSecond);
        if (sharedQuota && listPerSecond != describePerSecond) {
            throw new IllegalArgumentException("a shared quota has one rate, but list is " + listPerSecond
                    + "/s and describe " + describePerSecond + "/s");
        }
        if (!(quotaShare > 0 && quotaShare <= 1)) {
            throw new IllegalArgumentException("quotaShare must be in (0, 1]: " + quotaShare);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        new Backoff(baseBackoff, maxBackoff);
    }

    /**
     * AWS KMS, per account and region. A describe reads DescribeKey, ListResourceTags and
     * GetKeyRotationStatus, each under its own quota; the slowest of them, GetKeyRotationStatus, binds.
     */
    public static PacingPolicy aws() {
        double describe = Math.min(AWS_DESCRIBE_KEY_PER_SECOND,
                Math.min(AWS_LIST_RESOURCE_TAGS_PER_SECOND, AWS_GET_KEY_ROTATION_STATUS_PER_SECOND));
        return defaults(AWS_LIST_KEYS_PER_SECOND, describe, false);
    }

    /**
     * Google Cloud KMS, per project: 5 reads a second shared by lists and gets. Every location of one
     * project counts against the same quota, so their sources must share one {@link PacingQuota}.
     */
    public static PacingPolicy gcp() {
        double perSecond = GCP_READS_PER_MINUTE / 60.0;
        return defaults(perSecond, perSecond, true);
    }

    /** Azure Key Vault, per vault: 400 reads a second shared by lists and gets. */
    public static PacingPolicy azure() {
        double perSecond = AZURE_READS_PER_TEN_SECONDS / 10.0;
        return defaults(perSecond, perSecond, true);
    }

    public static PacingPolicy forProvider(Provider provider) {
        return switch (provider) {
            case AWS -> aws();
            case AZURE -> azure();
            case GCP -> gcp();
        };
    }

    private static PacingPolicy defaults(double list, double describe, boolean shared) {
        return new PacingPolicy(list, describe, shared, DEFAULT_QUOTA_SHARE, DEFAULT_MAX_RETRIES,
                DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** The rate this sweep paces the class at: the documented rate times the quota share. */
    public double ratePerSecond(OperationClass operation) {
        double documented = switch (operation) {
            case LIST -> listPerSecond;
            case DESCRIBE -> describePerSecond;
        };
        return documented * quotaShare;
    }

    public Backoff backoff() {
        return new Backoff(baseBackoff, maxBackoff);
    }

    public PacingPolicy withQuotaShare(double share) {
        return new PacingPolicy(listPerSecond, describePerSecond, sharedQuota, share, maxRetries, baseBackoff,
                maxBackoff);
    }

    public PacingPolicy withRetries(int retries, Duration base, Duration max) {
        return new PacingPolicy(listPerSecond, describePerSecond, sharedQuota, quotaShare, retries, base, max);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + rate);
        }
    }
}
