package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.keyledger.core.access.Principal;
import io.keyledger.functions.auth.AuthenticationException;
import io.keyledger.functions.auth.IamPrincipalMapping;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Function URL requests to the admin API's plain requests, and its answers back, within Lambda's limits. */
class FunctionUrlConversionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "arn:aws:sts::111122223333:assumed-role/KeyAdmins/ann";

    private static APIGatewayV2HTTPEvent event(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                               Optional<String> callerArn) {
        var iam = callerArn.map(arn -> APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(arn)
                .withAccountId("111122223333").build()).orElse(null);
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                        .withSourceIp("198.51.100.7").build())
                .withAuthorizer(iam == null ? null
                        : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(iam).build())
                .build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(rawPath).withRawQueryString(rawQuery)
                .withHeaders(headers).withRequestContext(context).build();
    }

    @Test
    void theRawPathStaysEncodedAndTheQueryIsDecoded() {
        HttpRequest r = FunctionUrlRequests.toHttpRequest(event("get", "/keys/aws%3Aarn%3Aaws%3Akms%3Aus-east-1%3A111122223333%3Akey%2Fabc",
                "q=orders%20data&state=ACTIVE&q=x+y&flag", Map.of("Accept", "application/json"), Optional.of(ADMIN)));

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/keys/aws%3Aarn%3Aaws%3Akms%3Aus-east-1%3A111122223333%3Akey%2Fabc");
        assertThat(r.query()).isEqualTo(Map.of("q", List.of("orders data", "x y"), "state", List.of("ACTIVE"),
                "flag", List.of("")));
        assertThat(r.header("accept")).contains("application/json");
        assertThat(r.sourceIp()).contains("198.51.100.7");
        assertThat(r.header(IamCallerAuthenticator.CALLER_HEADER)).contains(ADMIN);
    }

    @Test
    void aBase64BodyIsDecoded() {
        APIGatewayV2HTTPEvent e = event("POST", "/sweeps", null, Map.of(), Optional.of(ADMIN));
        e.setBody(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        e.setIsBase64Encoded(true);

        assertThat(new String(FunctionUrlRequests.toHttpRequest(e).body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        e.setBody("{\"a\":1}");
        e.setIsBase64Encoded(false);
        assertThat(new String(FunctionUrlRequests.toHttpRequest(e).body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aCallerCannotNameItselfThroughTheInternalHeader() {
        IamCallerAuthenticator authenticator = new IamCallerAuthenticator(new IamPrincipalMapping(
                AdminPrincipalsJson.parse("{\"arn:aws:iam::111122223333:role/KeyAdmins\": {\"acme\": [\"admin\"]}}")));
        Map<String, String> forged = Map.of("X-KeyLedger-Verified-IAM-Caller", ADMIN);

        // GIVEN an unsigned request (a function URL without IAM auth) that sends the header itself
        HttpRequest unsigned = FunctionUrlRequests.toHttpRequest(event("GET", "/keys", null, forged, Optional.empty()));
        // ... and a signed one by someone else that sends it too
        String other = "arn:aws:sts::111122223333:assumed-role/Intruder/eve";
        HttpRequest signed = FunctionUrlRequests.toHttpRequest(event("GET", "/keys", null, forged, Optional.of(other)));

        assertThat(unsigned.header(IamCallerAuthenticator.CALLER_HEADER)).isEmpty();
        assertThatThrownBy(() -> authenticator.authenticate(unsigned)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("AuthType AWS_IAM");
        Principal p = authenticator.authenticate(signed);
        assertThat(p.id()).isEqualTo(other);
        assertThat(p.rolesIn("acme")).isEmpty();
    }

    @Test
    void aMalformedQueryIsNamed() {
        assertThatThrownBy(() -> FunctionUrlRequests.toHttpRequest(event("GET", "/keys", "q=%zz", Map.of(), Optional.empty())))
                .isInstanceOf(FunctionUrlRequests.MalformedRequestException.class)
                .hasMessage("is not percent-encoded correctly");
    }

    @Test
    void jsonCsvAndHtmlGoAsTextAnythingElseAsBase64() {
        APIGatewayV2HTTPResponse json = FunctionUrlResponses.toResponse(
                HttpResponse.of(200, "application/json", "{\"x\":\"é\"}"), "/keys");
        APIGatewayV2HTTPResponse csv = FunctionUrlResponses.toResponse(
                HttpResponse.of(200, "text/csv; charset=utf-8", "a,b\n"), "/reports/inventory");
        APIGatewayV2HTTPResponse cbom = FunctionUrlResponses.toResponse(
                HttpResponse.of(200, "application/vnd.cyclonedx+json", "{}"), "/reports/inventory");
        APIGatewayV2HTTPResponse binary = FunctionUrlResponses.toResponse(
                HttpResponse.of(200, "application/octet-stream", new byte[] {0, (byte) 0xff}), "/x");
        APIGatewayV2HTTPResponse empty = FunctionUrlResponses.toResponse(HttpResponse.empty(204), "/legal-holds");

        assertThat(json.getBody()).isEqualTo("{\"x\":\"é\"}");
        assertThat(json.getIsBase64Encoded()).isFalse();
        assertThat(json.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(csv.getBody()).isEqualTo("a,b\n");
        assertThat(cbom.getIsBase64Encoded()).isFalse();
        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getBody())).containsExactly(0, 0xff);
        assertThat(empty.getStatusCode()).isEqualTo(204);
        assertThat(empty.getBody()).isNull();
    }

    @Test
    void anAnswerTooLargeForLambdaIsA413ProblemAndIsNotHeldWhole() {
        int[] written = {0};
        HttpResponse huge = new HttpResponse(200, Map.of("Content-Type", "text/csv"), out -> {
            byte[] line = "aws:arn:aws:kms:us-east-1:111122223333:key/1234,ACTIVE\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 1_000_000; i++) {
                out.write(line);
                written[0]++;
            }
        });

        APIGatewayV2HTTPResponse r = FunctionUrlResponses.toResponse(huge, "/reports/inventory");

        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JSON.readTree(r.getBody());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keyledger:problem:response-too-large");
        assertThat(problem.get("instance").asString()).isEqualTo("/reports/inventory");
        assertThat(problem.get("detail").asString()).contains("6 MB").contains("key filters");
        assertThat(written[0]).as("writing stopped at the limit").isLessThan(200_000);
    }

    @Test
    void theLimitCountsTheBodyAsItIsEncoded() {
        // 60 quotes escape to 120 characters of JSON; 100 binary bytes are 136 of base64
        HttpResponse quotes = HttpResponse.of(200, "application/json", "\"".repeat(60));
        HttpResponse bytes = HttpResponse.of(200, "application/octet-stream", new byte[100]);

        assertThat(FunctionUrlResponses.toResponse(quotes, "/", 119).getStatusCode()).isEqualTo(413);
        assertThat(FunctionUrlResponses.toResponse(quotes, "/", 120).getStatusCode()).isEqualTo(200);
        assertThat(FunctionUrlResponses.toResponse(bytes, "/", 135).getStatusCode()).isEqualTo(413);
        assertThat(FunctionUrlResponses.toResponse(bytes, "/", 136).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatFailsWhileWrittenIsAGeneric500() {
        HttpResponse failing = new HttpResponse(200, Map.of("Content-Type", "text/csv"), out -> {
            out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the report failed while streaming; store unavailable at 10.0.0.1");
        });

        APIGatewayV2HTTPResponse r = FunctionUrlResponses.toResponse(failing, "/reports/inventory");

        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(r.getBody()).doesNotContain("10.0.0.1").doesNotContain("a,b");
    }
}
