package io.keyledger.tests.aws.lambda;

import static io.keyledger.tests.aws.lambda.LambdaRig.ACME;
import static io.keyledger.tests.aws.lambda.LambdaRig.AUDITOR;
import static io.keyledger.tests.aws.lambda.LambdaRig.REGION;
import static io.keyledger.tests.aws.lambda.LambdaRig.get;
import static io.keyledger.tests.aws.lambda.LambdaRig.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.ledger.AwsLedgerOperation;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The ledger as deployed in AWS, through the real Lambda entry points on dynalite, s3rver and the KMS, SQS
 * fakes: the writers (here the sweep worker) queue checkpoint requests and never sign; {@code signCheckpoints}
 * signs with the KMS key ({@code Sign}, DER) and anchors in the bucket; the admin API verifies with the key's
 * public key; {@code maintainLedger} archives to the bucket; and a truncation is found.
 */
class LedgerOnAwsTest {

    private static NodeEmulator dynalite;
    private static NodeEmulator s3rver;
    private static Path s3rverFiles;
    private LambdaRig rig;

    @BeforeAll
    static void startEmulators() throws IOException {
        dynalite = NodeEmulator.dynalite();
        s3rverFiles = Files.createTempDirectory("s3rver");
        s3rver = NodeEmulator.s3rver(s3rverFiles);
    }

    @AfterAll
    static void stopEmulators() {
        dynalite.close();
        s3rver.close();
    }

    @BeforeEach
    void deploy() throws IOException {
        rig = new LambdaRig(dynalite).withLedger(s3rver);
        rig.aws.kms.addKey(ACME, REGION, "33333333-aaaa-4bbb-8ccc-000000000001", Instant.parse("2026-11-01T10:00:00Z"))
                .description("orders").tag("Owner", "orders");
        rig.aws.kms.addKey(ACME, REGION, "33333333-aaaa-4bbb-8ccc-000000000002", Instant.parse("2026-11-02T10:00:00Z"));
        String body = new SweepRequest("s-1", ACME, REGION, Optional.of("acme"), Optional.empty()).toJson();
        rig.invoke(KeyLedgerLambdaConfiguration.SWEEP_WORKER, LambdaRig.sqsEventOfBodies(List.of("m-1"), List.of(body)));
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private void signRequestedCheckpoints() throws IOException {
        List<Message> requests = rig.checkpointRequests();
        assertThat(requests).isNotEmpty();
        String out = rig.invoke(KeyLedgerLambdaConfiguration.SIGN_CHECKPOINTS, LambdaRig.sqsEvent(requests));
        assertThat(LambdaRig.JSON.readTree(out).path("batchItemFailures")).isEmpty();
    }

    private JsonNode verify() throws IOException {
        LambdaRig.Response r = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API,
                get("/ledger/verify", "tenant=acme", AUDITOR)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private List<S3Object> objects(String prefix) {
        try (S3Client s3 = rig.s3Client()) {
            return s3.listObjectsV2(b -> b.bucket(rig.ledgerBucket).prefix(prefix)).contents();
        }
    }

    @Test
    void theWritersAskTheSignerSignsWithKmsAnchorsInTheBucketAndTheApiVerifies() throws IOException {
        assertThat(rig.aws.kms.count("Sign")).as("the sweep worker may not sign").isZero();

        signRequestedCheckpoints();

        Checkpoint c = rig.store().latestCheckpoint("acme").orElseThrow();
        assertThat(c.head()).isEqualTo(rig.store().ledgerHead("acme"));
        assertThat(rig.aws.kms.count("Sign")).isEqualTo(1);
        assertThat(objects("checkpoints/acme/")).hasSize(1);
        SigningPublicKey kmsKey = SigningPublicKey.fromSpki(java.util.Base64.getDecoder().decode(publicKey()));
        assertThat(c.verifiesWith(kmsKey)).isTrue();
        JsonNode v = verify();
        assertThat(v.path("intact").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("checkpoints").path("state").asString()).isEqualTo("VERIFIED");
        assertThat(v.path("checkpoints").path("anchored").asBoolean()).isTrue();
        assertThat(rig.aws.kms.count("Sign")).as("verifying signs nothing").isEqualTo(1);
        assertThat(rig.aws.kms.requests("Sign")).allSatisfy(r -> assertThat(r.body()).contains("\"MessageType\":\"DIGEST\"")
                .contains("\"SigningAlgorithm\":\"ECDSA_SHA_256\""));
    }

    /** The ledger key's public key as an auditor gets it from KMS (GetPublicKey). */
    private String publicKey() {
        try (var kms = software.amazon.awssdk.services.kms.KmsClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(rig.aws.kms.uri())
                .credentialsProvider(rig.aws.credentials.staticFor(LambdaRig.CENTRAL)).httpClient(rig.aws.http()).build()) {
            return java.util.Base64.getEncoder().encodeToString(
                    kms.getPublicKey(b -> b.keyId(rig.ledgerKeyArn)).publicKey().asByteArray());
        }
    }

    @Test
    void aTruncationBehindTheSignersBackIsFoundByTheApi() throws IOException {
        signRequestedCheckpoints();
        LedgerHead head = rig.store().ledgerHead("acme");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(java.net.URI.create(dynalite.endpoint()))
                .credentialsProvider(rig.aws.credentials.staticFor(LambdaRig.CENTRAL)).httpClient(rig.aws.http()).build()) {
            for (long s = head.sequence() - 1; s <= head.sequence(); s++) {
                long sequence = s;
                dynamo.deleteItem(b -> b.tableName(rig.table).key(java.util.Map.of(
                        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("T#acme#LEDGER"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                "R#" + String.format("%020d", sequence)))));
            }
            dynamo.deleteItem(b -> b.tableName(rig.table).key(java.util.Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("T#acme#LEDGER"),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("~HEAD"))));
        }
        JsonNode v = verify();

        assertThat(v.path("intact").asBoolean()).isFalse();
        assertThat(v.path("checkpoints").path("state").asString()).isEqualTo("FAILED");
        assertThat(v.path("breaks").toString()).contains("TRUNCATED").contains("\"sequence\":" + (head.sequence() - 1));
    }

    @Test
    void theDailyMaintenanceArchivesToTheBucketAndTheLedgerStillVerifies() throws IOException {
        signRequestedCheckpoints();
        rig.clock.advance(Duration.ofDays(91));

        String out = rig.invoke(KeyLedgerLambdaConfiguration.MAINTAIN_LEDGER, "{}".getBytes());

        assertThat(out).contains("acme").contains("archived");
        assertThat(objects(AwsLedgerOperation.ARCHIVE_PREFIX + "acme/")).hasSize(1);
        JsonNode v = verify();
        assertThat(v.path("intact").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("archivedSegments").asInt()).isEqualTo(1);
        assertThat(objects("checkpoints/acme/")).hasSizeGreaterThan(1);
    }
}
