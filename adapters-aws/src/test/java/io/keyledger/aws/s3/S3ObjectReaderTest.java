package io.keyledger.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.testkit.aws.S3rver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The reader against s3rver, through the real S3 client. */
class S3ObjectReaderTest {

    static final String BUCKET = "amzn-s3-demo-trail-bucket";
    static final String LOG_KEY = "audit logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/15/"
            + "111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json.gz";

    @TempDir
    static Path directory;
    static S3rver s3rver;

    @BeforeAll
    static void start() throws IOException {
        s3rver = new S3rver(directory);
        s3rver.createBucket(BUCKET);
        s3rver.put(BUCKET, LOG_KEY, resource("/aws/logs/" + LOG_KEY.substring(LOG_KEY.lastIndexOf('/') + 1)));
    }

    @AfterAll
    static void stop() {
        s3rver.close();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = S3ObjectReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DecodedRecord.ObjectReference ref(String bucket, String key) {
        return new DecodedRecord.ObjectReference(new RecordLocation("test", 1, ""), "s3", "us-east-1", bucket, key, 0);
    }

    @Test
    void streamsTheObjectAsStoredSoTheDecodersSeeTheGzipLogFile() throws IOException {
        S3ObjectReader reader = new S3ObjectReader(s3rver.client());
        byte[] stored;
        try (InputStream in = reader.open(ref(BUCKET, LOG_KEY))) {
            stored = in.readAllBytes();
        }
        assertThat(sha256(stored)).as("the object's bytes")
                .isEqualTo(sha256(resource("/aws/logs/" + LOG_KEY.substring(LOG_KEY.lastIndexOf('/') + 1))));
        try (InputStream plain = new GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
            assertThat(new String(plain.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{").contains("\"Records\"");
        }

        List<DecodedRecord> records = new ArrayList<>();
        try (InputStream in = reader.open(ref(BUCKET, LOG_KEY))) {
            Decoders.of(AwsDecoders.all()).read("s3://" + BUCKET + "/" + LOG_KEY, in, records::add);
        }
        assertThat(records).isNotEmpty().allMatch(r -> !(r instanceof DecodedRecord.Malformed));
        assertThat(records).filteredOn(DecodedRecord.Event.class::isInstance).isNotEmpty();
    }

    @Test
    void aMissingObjectIsNoSuchFileNamingBucketAndKey() {
        S3ObjectReader reader = new S3ObjectReader(s3rver.client());
        assertThatThrownBy(() -> reader.open(ref(BUCKET, "AWSLogs/gone.json.gz")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://" + BUCKET + "/AWSLogs/gone.json.gz: no such object (NoSuchKey)");
    }

    @Test
    void aMissingBucketIsNoSuchFileToo() {
        S3ObjectReader reader = new S3ObjectReader(s3rver.client());
        assertThatThrownBy(() -> reader.open(ref("no-such-bucket", "k.json.gz")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageStartingWith("s3://no-such-bucket/k.json.gz: no such bucket");
    }

    @Test
    void aRefusalIsAccessDeniedNamingTheObjectAndThePermissions() {
        try (S3Client stranger = s3rver.client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")) {
            S3ObjectReader reader = new S3ObjectReader(stranger);
            assertThatThrownBy(() -> reader.open(ref(BUCKET, LOG_KEY)))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageStartingWith("s3://" + BUCKET + "/" + LOG_KEY + ": access denied (")
                    .hasMessageContaining("s3:GetObject");
        }
    }

    @Test
    void onlyS3ObjectsAreOpened() {
        S3ObjectReader reader = new S3ObjectReader(s3rver.client());
        DecodedRecord.ObjectReference blob = new DecodedRecord.ObjectReference(new RecordLocation("test", 1, ""),
                "azure-blob", "westeurope", "container", "log.json", 0);
        assertThatThrownBy(() -> reader.open(blob)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an S3 object");
    }
}
