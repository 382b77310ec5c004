package io.keyledger.aws.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Which failures the SDK may retry by itself: transient ones, never throttling (the sweep paces that). */
class KmsClientsTest {

    private static KmsException service(int status, String code) {
        return (KmsException) KmsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void throttlingIsLeftToTheSweepsPacing() {
        assertThat(KmsClients.transientButNotThrottled(service(400, "ThrottlingException"))).isFalse();
        assertThat(KmsClients.transientButNotThrottled(service(429, "TooManyRequestsException"))).isFalse();
    }

    @Test
    void serverErrorsAndBrokenConnectionsAreRetried() {
        assertThat(KmsClients.transientButNotThrottled(service(500, "KMSInternalException"))).isTrue();
        assertThat(KmsClients.transientButNotThrottled(service(503, "DependencyTimeoutException"))).isTrue();
        assertThat(KmsClients.transientButNotThrottled(SdkClientException.create("reset", new IOException("reset"))))
                .isTrue();
    }

    @Test
    void refusalsAreNot() {
        assertThat(KmsClients.transientButNotThrottled(service(400, "AccessDeniedException"))).isFalse();
        assertThat(KmsClients.transientButNotThrottled(service(400, "NotFoundException"))).isFalse();
        assertThat(KmsClients.transientButNotThrottled(new IllegalStateException("bug"))).isFalse();
        assertThat(KmsClients.retryStrategy().maxAttempts()).isEqualTo(3);
    }
}
