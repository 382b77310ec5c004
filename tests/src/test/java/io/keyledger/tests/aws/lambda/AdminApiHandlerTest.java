package io.keyledger.tests.aws.lambda;

import static io.keyledger.tests.aws.lambda.LambdaRig.ACME;
import static io.keyledger.tests.aws.lambda.LambdaRig.ADMIN;
import static io.keyledger.tests.aws.lambda.LambdaRig.AUDITOR;
import static io.keyledger.tests.aws.lambda.LambdaRig.GLOBEX;
import static io.keyledger.tests.aws.lambda.LambdaRig.REGION;
import static io.keyledger.tests.aws.lambda.LambdaRig.STRANGER;
import static io.keyledger.tests.aws.lambda.LambdaRig.VIEWER;
import static io.keyledger.tests.aws.lambda.LambdaRig.get;
import static io.keyledger.tests.aws.lambda.LambdaRig.request;
import static io.keyledger.tests.aws.lambda.LambdaRig.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaSettings;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.tests.aws.lambda.LambdaRig.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code adminApi} through the real Lambda entry point, called as a function URL with {@code AuthType:
 * AWS_IAM} calls it (payload format 2.0, the signer's ARN in {@code requestContext.authorizer.iam}), on
 * the DynamoDB store (dynalite) and the sweep queue (the SQS fake). Roles come from the IAM principal
 * mapping only: admins, auditors and viewers of tenant acme, and a signed caller the mapping does not name.
 */
class AdminApiHandlerTest {

    private static final String API = KeyLedgerLambdaConfiguration.ADMIN_API;

    @RegisterExtension
    static final EmulatorPerClass<NodeEmulator> dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);
    private final LambdaRig rig = new LambdaRig(dynalite.get());

    @AfterEach
    void close() {
        rig.close();
    }

    private Response call(byte[] event) throws IOException {
        return response(rig.invoke(API, event));
    }

    private static byte[] post(String rawPath, String callerArn) throws IOException {
        return request("POST", rawPath, "", Optional.of(callerArn), Map.of(), Optional.of("{}"));
    }

    /** Two keys of acme's account, swept into the inventory by the worker. */
    private void sweepAcmesKeys() throws IOException {
        rig.aws.kms.addKey(ACME, REGION, "33333333-aaaa-4bbb-8ccc-000000000001", Instant.parse("2026-11-01T10:00:00Z"))
                .description("orders").tag("Owner", "orders");
        rig.aws.kms.addKey(ACME, REGION, "33333333-aaaa-4bbb-8ccc-000000000002", Instant.parse("2026-11-02T10:00:00Z"));
        String body = new SweepRequest("s-seed", ACME, REGION, Optional.of("acme"), Optional.empty()).toJson();
        rig.invoke(KeyLedgerLambdaConfiguration.SWEEP_WORKER, LambdaRig.sqsEventOfBodies(List.of("m-seed"), List.of(body)));
    }

    @Test
    void aRequestWithoutAnIamCallerIs401EvenIfItNamesOneInAHeader() throws IOException {
        Response plain = call(LambdaRig.resource("function-url-none.json"));
        Response forged = call(request("GET", "/keys", "tenant=acme", Optional.empty(),
                Map.of("X-KeyLedger-Verified-IAM-Caller", ADMIN), Optional.empty()));

        for (Response r : List.of(plain, forged)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("SigV4").contains("AWS_IAM");
        }
    }

    @Test
    void theOpenApiDocumentNeedsNoCaller() throws IOException {
        Response r = call(request("GET", "/openapi.json", "", Optional.empty(), Map.of(), Optional.empty()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("openapi").asString()).startsWith("3.1");
    }

    @Test
    void aSignedCallerTheMappingDoesNotNameFindsNoTenant() throws IOException {
        sweepAcmesKeys();

        Response named = call(get("/keys", "tenant=acme", STRANGER));
        Response unnamed = call(get("/sweeps", "", STRANGER));

        assertThat(named.status()).isEqualTo(404);
        assertThat(named.json().get("detail").asString()).isEqualTo("no tenant 'acme'");
        assertThat(unnamed.status()).isEqualTo(404);
        assertThat(named.body()).doesNotContain("33333333");
    }

    @Test
    void aViewerReadsKeysButMayNeitherReadNorStartSweeps() throws IOException {
        sweepAcmesKeys();

        Response keys = call(get("/keys", "limit=10", VIEWER));
        Response sweeps = call(get("/sweeps", "", VIEWER));
        Response start = call(post("/sweeps", VIEWER));

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().get("items")).hasSize(2);
        assertThat(sweeps.status()).isEqualTo(403);
        assertThat(sweeps.json().get("detail").asString()).contains("auditor");
        assertThat(start.status()).isEqualTo(403);
        assertThat(rig.aws.sqs.bodies(rig.queueUrl)).isEmpty();
    }

    @Test
    void aKeyIdIsOneEncodedPathSegment() throws IOException {
        sweepAcmesKeys();
        String id = "aws:arn:aws:kms:us-east-1:" + ACME + ":key/33333333-aaaa-4bbb-8ccc-000000000001";

        Response r = call(get("/keys/" + URLEncoder.encode(id, StandardCharsets.UTF_8), "", VIEWER));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asString()).isEqualTo(id);
    }

    @Test
    void anAdminStartsASweepOfTheTenantsAccountsInTheirEnabledRegions() throws IOException {
        Response r = call(post("/sweeps", ADMIN));

        assertThat(r.status()).isEqualTo(202);
        String sweepId = r.json().get("sweepId").asString();
        assertThat(sweepId).isEqualTo("api-20261128T020000.000Z");
        assertThat(r.headers().get("Location")).isEqualTo("/sweeps/" + sweepId);
        assertThat(r.json().get("requestedBy").asString()).isEqualTo(ADMIN);
        List<SweepRequest> queued = rig.aws.sqs.bodies(rig.queueUrl).stream().map(SweepRequest::fromJson).toList();
        assertThat(queued).extracting(q -> q.scope().id() + " " + q.tenant().orElse("?") + " " + q.sweepId())
                .containsExactlyInAnyOrder("aws:" + ACME + ":us-east-1 acme " + sweepId,
                        "aws:" + ACME + ":eu-west-1 acme " + sweepId);
        assertThat(queued).noneMatch(q -> q.account().equals(GLOBEX));
    }

    @Test
    void withRegionsConfiguredTheApiNeedsNoMemberRole() throws IOException {
        rig.env(LambdaSettings.MEMBER_ROLE_NAME, null).env(LambdaSettings.REGIONS, "eu-west-1");

        Response r = call(post("/sweeps", ADMIN));

        assertThat(r.status()).isEqualTo(202);
        assertThat(rig.aws.sqs.bodies(rig.queueUrl)).singleElement()
                .satisfies(b -> assertThat(SweepRequest.fromJson(b).scope().id()).isEqualTo("aws:" + ACME + ":eu-west-1"));
        assertThat(rig.aws.sts.requests()).isEmpty();
    }

    @Test
    void aTenantWithNoAccountHereCannotStartASweep() throws IOException {
        rig.env(LambdaSettings.ADMIN_PRINCIPALS,
                "{\"arn:aws:iam::100000000000:role/KeyLedgerAdmins\": {\"beta\": [\"admin\"]}}");

        Response r = call(post("/sweeps", ADMIN));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asString()).contains("no AWS account of tenant 'beta'");
    }

    @Test
    void anAuditorDownloadsAReportAsText() throws IOException {
        sweepAcmesKeys();

        Response r = call(get("/reports/inventory", "format=csv", AUDITOR));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).startsWith("text/csv");
        assertThat(r.base64()).isFalse();
        assertThat(r.headers().get("Content-Disposition")).contains("acme-inventory.csv");
        assertThat(r.body().lines()).hasSize(3).anySatisfy(l -> assertThat(l).contains("33333333-aaaa-4bbb-8ccc-000000000002"));
    }

    @Test
    void aMalformedQueryIsA400NamingIt() throws IOException {
        Response r = call(get("/keys", "q=%zz", VIEWER));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
    }
}
