package io.keyledger.aws.ledger;

import io.keyledger.core.archive.ArchiveObjects;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The AWS archive tier: segments in the ledger bucket under {@code archive/}, each written once
 * ({@code If-None-Match: *}) and locked in compliance mode until the end of its retention, so that nobody
 * can delete or replace it before; the bucket's lifecycle moves segments to cheaper storage classes as
 * they age (Glacier Instant Retrieval: still read at once by a key's history).
 */
public final class S3ArchiveObjects implements ArchiveObjects {

    private final S3Client s3;
    private final String bucket;

    public S3ArchiveObjects(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void write(String name, byte[] content, Optional<Instant> retainUntil) {
        requireArchived(name);
        try {
            s3.putObject(r -> {
                r.bucket(bucket).key(name).contentType("application/gzip").ifNoneMatch("*");
                retainUntil.filter(at -> at.isBefore(Instant.parse("9999-01-01T00:00:00Z")))
                        .ifPresent(at -> r.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(at));
            }, RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            if ((e.statusCode() == 412 || e.statusCode() == 409)
                    && read(name).map(existing -> Arrays.equals(existing, content)).orElse(false)) {
                return; // written before with these bytes: a run that was cut short
            }
            throw new ArchiveException("cannot write " + name + " to " + describe() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ArchiveException("cannot write " + name + " to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) {
        requireArchived(name);
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(name)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ArchiveException("cannot read " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        requireArchived(name);
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw new ArchiveException("cannot delete " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    private static void requireArchived(String name) {
        if (!name.startsWith(AwsLedgerOperation.ARCHIVE_PREFIX)) {
            throw new ArchiveException("'" + name + "' is not an archived segment's name");
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }
}
