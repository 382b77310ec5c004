package io.keyledger.aws.sweep;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the sweep's AWS calls go. Empty means AWS's own endpoint for the partition: KMS and STS per
 * Region, Organizations and the Account service at their global endpoints. An override sends every
 * Region's calls of that service to one URI: for VPC endpoints, FIPS endpoints, and tests.
 */
public record AwsEndpoints(Optional<URI> kms, Optional<URI> sts, Optional<URI> organizations, Optional<URI> account,
                           Optional<URI> sqs) {

    public static final AwsEndpoints DEFAULT = new AwsEndpoints(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public AwsEndpoints {
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(sts, "sts");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sqs, "sqs");
    }

    /** Every service at {@code uri}: one local server that answers them all, as in tests. */
    public static AwsEndpoints all(URI uri) {
        return new AwsEndpoints(Optional.of(uri), Optional.of(uri), Optional.of(uri), Optional.of(uri), Optional.of(uri));
    }

    public AwsEndpoints withKms(URI uri) {
        return new AwsEndpoints(Optional.of(uri), sts, organizations, account, sqs);
    }

    public AwsEndpoints withSts(URI uri) {
        return new AwsEndpoints(kms, Optional.of(uri), organizations, account, sqs);
    }

    public AwsEndpoints withOrganizations(URI uri) {
        return new AwsEndpoints(kms, sts, Optional.of(uri), account, sqs);
    }

    public AwsEndpoints withAccount(URI uri) {
        return new AwsEndpoints(kms, sts, organizations, Optional.of(uri), sqs);
    }

    public AwsEndpoints withSqs(URI uri) {
        return new AwsEndpoints(kms, sts, organizations, account, Optional.of(uri));
    }
}
