package io.keyledger.aws.sweep;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.PacingPolicy;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The scope discovery's signed calls send only declared operations, each to its own service. */
class SignedJsonClientTest {

    @Test
    void anOperationOfAnotherServiceIsRefusedBeforeAnythingIsSent() {
        // Port 9 (discard) refuses connections: the refusal comes before any is tried.
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            SignedJsonClient organizations = new SignedJsonClient(http, URI.create("http://127.0.0.1:9/"),
                    "organizations", "us-east-1", PacingPolicy.aws(), wait -> { }, new Random(1));
            assertThatThrownBy(() -> organizations.post(AwsSweepOperation.LIST_REGIONS, "/listRegions", Map.of(),
                    Json.mapper().createObjectNode(), StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIAEXAMPLE", "secret"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("account ListRegions is not an operation of organizations");
        }
    }
}
