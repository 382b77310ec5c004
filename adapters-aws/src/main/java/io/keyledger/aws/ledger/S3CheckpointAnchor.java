package io.keyledger.aws.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.CheckpointAnchor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS checkpoint anchor: one object per checkpoint in the ledger bucket, under
 * {@code checkpoints/<tenant>/<19 digits>.json}, the digits counting down from {@link Long#MAX_VALUE} so that
 * S3 lists a tenant's newest checkpoint first. Each is written once ({@code If-None-Match: *}; the bucket's
 * policy refuses a PutObject without it) into a bucket under Object Lock in compliance mode: nobody can
 * take it back or replace it before its retention ends.
 */
public final class S3CheckpointAnchor implements CheckpointAnchor {

    private final S3Client s3;
    private final String bucket;

    public S3CheckpointAnchor(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    static String name(Checkpoint c) {
        return prefix(c.tenant()) + String.format("%019d", Long.MAX_VALUE - c.sequence()) + ".json";
    }

    private static String prefix(String tenant) {
        return AwsLedgerOperation.CHECKPOINTS_PREFIX + tenant + "/";
    }

    @Override
    public void append(Checkpoint checkpoint) {
        String key = name(checkpoint);
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
                    RequestBody.fromString(Json.write(checkpoint), StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return; // that sequence is anchored already: the first checkpoint of it stays
            }
            throw new AnchorException("cannot write " + key + " to " + describe() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new AnchorException("cannot write " + key + " to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Checkpoint> newest(String tenant) {
        ListObjectsResponse listed = list(tenant, 1, Optional.empty());
        return listed.contents().stream().findFirst().map(o -> read(o.key()));
    }

    @Override
    public List<Checkpoint> all(String tenant) {
        List<Checkpoint> out = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        while (true) {
            ListObjectsResponse listed = list(tenant, 1000, marker);
            for (S3Object o : listed.contents()) {
                out.add(read(o.key()));
            }
            if (!Boolean.TRUE.equals(listed.isTruncated()) || listed.contents().isEmpty()) {
                break;
            }
            // Without a delimiter, the next page starts after the last key listed (ListObjects).
            marker = Optional.of(listed.contents().get(listed.contents().size() - 1).key());
        }
        out.sort(Comparator.comparingLong(Checkpoint::sequence));
        return out;
    }

    private ListObjectsResponse list(String tenant, int max, Optional<String> marker) {
        try {
            return s3.listObjects(r -> {
                r.bucket(bucket).prefix(prefix(tenant)).maxKeys(max);
                marker.ifPresent(r::marker);
            });
        } catch (SdkException e) {
            throw new AnchorException("cannot list the checkpoints of tenant " + tenant + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private Checkpoint read(String key) {
        String text;
        try {
            text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        } catch (SdkException e) {
            throw new AnchorException("cannot read " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
        try {
            return Json.read(text, Checkpoint.class);
        } catch (IllegalArgumentException e) {
            throw new AnchorException(describe() + key + " is not a checkpoint: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + AwsLedgerOperation.CHECKPOINTS_PREFIX;
    }
}
