package io.keyledger.aws.s3;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.functions.ingest.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens the S3 objects that notifications name (CloudTrail log files, usually gzip: the decoders
 * recognise gzip by content). The object is streamed, never held whole. Failures are I/O errors that
 * name the object: a missing object or bucket is a {@link NoSuchFileException}, a refusal an
 * {@link AccessDeniedException} that says which permissions the function lacks.
 */
public final class S3ObjectReader implements ObjectReader {

    private final S3Client s3;

    public S3ObjectReader(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public InputStream open(DecodedRecord.ObjectReference object) throws IOException {
        String name = "s3://" + object.bucket() + "/" + object.key();
        if (!"s3".equals(object.store())) {
            throw new IOException(object.store() + "://" + object.bucket() + "/" + object.key()
                    + ": not an S3 object, this reader opens only s3:// objects");
        }
        GetObjectRequest request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build();
        try {
            return s3.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(name, null, "no such object (NoSuchKey)");
        } catch (NoSuchBucketException e) {
            throw new NoSuchFileException(name, null, "no such bucket (NoSuchBucket)");
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new AccessDeniedException(name, null, "access denied (" + code(e) + "): the function needs "
                        + "s3:GetObject on the object, and kms:Decrypt on the trail's key if the logs are SSE-KMS encrypted");
            }
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(name, null, "not found (" + code(e) + ")");
            }
            throw new IOException(name + ": S3 refused to read it: HTTP " + e.statusCode() + " " + code(e), e);
        } catch (SdkException e) {
            // Network failures and retries exhausted: the message fails and is delivered again later.
            throw new IOException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "no error code" : e.awsErrorDetails().errorCode();
    }
}
