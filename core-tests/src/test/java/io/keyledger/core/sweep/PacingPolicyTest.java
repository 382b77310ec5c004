package io.keyledger.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacingPolicyTest {

    @Test
    void providerDefaultsUseHalfOfTheDocumentedQuotas() {
        PacingPolicy aws = PacingPolicy.aws();
        assertThat(aws.ratePerSecond(OperationClass.LIST)).isEqualTo(500 * 0.5);
        // GetKeyRotationStatus (1000/s) binds a describe, below DescribeKey's 2000/s.
        assertThat(aws.ratePerSecond(OperationClass.DESCRIBE)).isEqualTo(1000 * 0.5);
        assertThat(aws.sharedQuota()).isFalse();

        PacingPolicy gcp = PacingPolicy.gcp();
        assertThat(gcp.ratePerSecond(OperationClass.LIST)).isEqualTo(300 / 60.0 * 0.5);
        assertThat(gcp.sharedQuota()).isTrue();

        PacingPolicy azure = PacingPolicy.azure();
        assertThat(azure.ratePerSecond(OperationClass.DESCRIBE)).isEqualTo(4000 / 10.0 * 0.5);
        assertThat(azure.sharedQuota()).isTrue();

        assertThat(PacingPolicy.forProvider(Provider.GCP)).isEqualTo(gcp);
        assertThat(aws.maxRetries()).isEqualTo(5);
        assertThat(aws.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(32)));
    }

    @Test
    void aSharedQuotaPacesListsAndReadsInOneBucket() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        PacingQuota shared = new PacingQuota(PacingPolicy.azure(), clock);
        PacingQuota separate = new PacingQuota(PacingPolicy.aws(), clock);

        assertThat(shared.bucket(OperationClass.LIST)).isSameAs(shared.bucket(OperationClass.DESCRIBE));
        assertThat(separate.bucket(OperationClass.LIST)).isNotSameAs(separate.bucket(OperationClass.DESCRIBE));
    }

    @Test
    void rejectsPoliciesThatCannotBeFollowed() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new PacingPolicy(0, 1, false, 0.5, 1, s, s))
                .hasMessageContaining("listPerSecond must be positive");
        assertThatThrownBy(() -> new PacingPolicy(5, 10, true, 0.5, 1, s, s))
                .hasMessageContaining("a shared quota has one rate");
        assertThatThrownBy(() -> PacingPolicy.aws().withQuotaShare(1.5)).hasMessageContaining("quotaShare");
        assertThatThrownBy(() -> PacingPolicy.aws().withQuotaShare(0)).hasMessageContaining("quotaShare");
        assertThatThrownBy(() -> PacingPolicy.aws().withRetries(-1, s, s)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> PacingPolicy.aws().withRetries(3, Duration.ofSeconds(2), s))
                .hasMessageContaining("below its base");
        assertThatThrownBy(() -> PacingPolicy.aws().withRetries(3, s, Duration.ofDays(2)))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> new ThrottledException("429", Optional.of(Duration.ofSeconds(-1)), null))
                .hasMessageContaining("retryAfter");
    }
}
