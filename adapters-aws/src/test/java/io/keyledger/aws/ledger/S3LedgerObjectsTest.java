package io.keyledger.aws.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.archive.ArchiveObjects;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.signing.Signer;
import io.keyledger.testkit.aws.S3rver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ledger bucket on s3rver, through clients that refuse undeclared operations: checkpoints one object each,
 * the newest listed first; segments written once, read back, deleted.
 */
class S3LedgerObjectsTest {

    @TempDir
    static Path files;
    private static S3rver s3rver;
    private static S3Client s3;
    private static int buckets;

    @BeforeAll
    static void start() {
        s3rver = new S3rver(files);
        ExecutionInterceptor check = new LedgerOperationCheck("s3");
        s3 = s3rver.clientBuilder("S3RVER", "S3RVER").overrideConfiguration(c -> c.addExecutionInterceptor(check)).build();
    }

    @AfterAll
    static void stop() {
        s3rver.close();
    }

    private static String bucket() {
        String name = "ledger-" + ++buckets;
        s3rver.createBucket(name);
        return name;
    }

    @Test
    void checkpointsAreAnchoredOnceEachAndTheNewestIsListedFirst(@TempDir Path dir) {
        S3CheckpointAnchor anchor = new S3CheckpointAnchor(s3, bucket());
        Signer signer = KeyFileSigner.loadOrCreate(dir.resolve("k.pem"));
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        Checkpoint seven = Checkpoint.sign("acme", new LedgerHead(7, "a".repeat(64)), at, signer);
        Checkpoint twelve = Checkpoint.sign("acme", new LedgerHead(12, "b".repeat(64)), at.plusSeconds(5), signer);
        Checkpoint other = Checkpoint.sign("beta", new LedgerHead(99, "c".repeat(64)), at, signer);

        anchor.append(seven);
        anchor.append(twelve);
        anchor.append(other);
        anchor.append(seven);

        assertThat(anchor.newest("acme")).contains(twelve);
        assertThat(anchor.all("acme")).containsExactly(seven, twelve);
        assertThat(anchor.newest("gamma")).isEmpty();
        assertThat(anchor.readsWhole()).isFalse();
    }

    @Test
    void segmentsAreWrittenReadAndDeletedUnderArchiveOnly() {
        String bucket = bucket();
        S3ArchiveObjects archive = new S3ArchiveObjects(s3, bucket);
        S3CheckpointAnchor anchor = new S3CheckpointAnchor(s3, bucket);
        String name = "archive/acme/00000000000000000001-00000000000000000010.jsonl.gz";

        archive.write(name, new byte[] {1, 2, 3}, Optional.of(Instant.parse("2033-03-01T00:00:00Z")));
        archive.write(name, new byte[] {1, 2, 3}, Optional.empty());

        assertThat(archive.read(name)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(anchor.newest("acme")).isEmpty();
        archive.delete(name);
        assertThat(archive.read(name)).isEmpty();
        assertThatThrownBy(() -> archive.read("checkpoints/acme/x.json"))
                .isInstanceOf(ArchiveObjects.ArchiveException.class);
    }
}
