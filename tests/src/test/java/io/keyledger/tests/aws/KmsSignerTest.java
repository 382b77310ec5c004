package io.keyledger.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.ledger.AwsLedgerOperation;
import io.keyledger.aws.ledger.KmsSigner;
import io.keyledger.aws.ledger.LedgerOperationCheck;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.signing.SigningException;
import io.keyledger.testkit.aws.AwsFakes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The KMS signer against the KMS fake (JSON 1.1, real ECDSA P-256): DER signatures its public key verifies. */
class KmsSignerTest {

    private static final String ACCOUNT = "100000000000";

    private final AwsFakes aws = new AwsFakes(ACCOUNT);
    private final KmsClient kms = KmsClient.builder().region(Region.US_EAST_1).endpointOverride(aws.kms.uri())
            .credentialsProvider(aws.credentials.staticFor(ACCOUNT)).httpClient(aws.http())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new LedgerOperationCheck("kms"))).build();

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Test
    void whatKmsSignsThePublicKeyItGivesVerifies() {
        String arn = aws.kms.addKey(ACCOUNT, "us-east-1", "ledger", Instant.EPOCH).signing().arn();
        KmsSigner signer = new KmsSigner(kms, arn);

        Checkpoint c = Checkpoint.sign("acme", new LedgerHead(3, "d".repeat(64)), Instant.parse("2026-03-01T00:00:00Z"),
                signer);

        assertThat(aws.kms.count("GetPublicKey")).isEqualTo(1);
        assertThat(c.verifiesWith(signer.publicKey())).isTrue();
        assertThat(signer.publicKey().verifies("other".getBytes(StandardCharsets.UTF_8),
                signer.sign("text".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(aws.kms.count("GetPublicKey")).as("read once").isEqualTo(1);
        assertThat(aws.kms.operations()).allSatisfy(op -> assertThat(AwsLedgerOperation.find("kms", op)).isPresent());
    }

    @Test
    void aKeyThatCannotSignIsRefusedNamingIt() {
        String symmetric = aws.kms.addKey(ACCOUNT, "us-east-1", "symmetric", Instant.EPOCH).arn();
        String disabled = aws.kms.addKey(ACCOUNT, "us-east-1", "disabled", Instant.EPOCH).signing().state("Disabled").arn();

        assertThatThrownBy(() -> new KmsSigner(kms, symmetric).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining(symmetric).hasMessageContaining("not an asymmetric KMS key");
        assertThatThrownBy(() -> new KmsSigner(kms, disabled).sign(new byte[] {1})).isInstanceOf(SigningException.class)
                .hasMessageContaining("KMS did not sign with the ledger key " + disabled)
                .hasMessageContaining("DisabledException");
    }

    @Test
    void anUndeclaredOperationIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> kms.listKeys()).hasMessageContaining("AwsLedgerOperation does not declare");
        assertThat(aws.kms.requests()).isEmpty();
    }
}
