package io.keyledger.testkit.aws;

import io.keyledger.testkit.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every AWS fake a sweep needs, started together on loopback ports and closed together: KMS, STS,
 * Organizations (with {@code managementAccount} as the management account), the Account service, SQS,
 * and SNS for the alerts, sharing one {@link FakeCredentials}.
 */
public final class AwsFakes implements AutoCloseable {

    public final FakeCredentials credentials = new FakeCredentials();
    public final FakeKms kms;
    public final FakeSts sts;
    public final FakeOrganizations organizations;
    public final FakeAccountService account;
    public final FakeSqs sqs;
    public final FakeSns sns;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    /** The fakes, with SQS on a clock of its own that stands still (no visibility timeout ever passes). */
    public AwsFakes(String managementAccount) {
        this(managementAccount, MutableClock.at("2026-01-01T00:00:00Z"));
    }

    /** @param queueClock the time SQS's visibility timeouts and deduplication interval run on */
    public AwsFakes(String managementAccount, Clock queueClock) {
        kms = new FakeKms(credentials);
        sts = new FakeSts(credentials);
        organizations = new FakeOrganizations(credentials, managementAccount);
        account = new FakeAccountService(credentials);
        sqs = new FakeSqs(credentials, queueClock);
        sns = new FakeSns(credentials);
    }

    /**
     * Every operation the fakes a sweep talks to received (KMS, STS, Organizations, the Account service), as
     * {@code service:Operation} with the service's IAM prefix ({@code kms:ListKeys}), each once: what the sweep
     * really sent, to hold against what it declares. Refused requests count: they were sent.
     */
    public Set<String> sweepOperationsReceived() {
        Set<String> out = new LinkedHashSet<>();
        Map<String, FakeAwsService> byService = new LinkedHashMap<>();
        byService.put("kms", kms);
        byService.put("sts", sts);
        byService.put("organizations", organizations);
        byService.put("account", account);
        byService.forEach((service, fake) -> fake.operations().forEach(op -> out.add(service + ":" + op)));
        return out;
    }

    /** An HTTP client for the SDK clients of a test, closed with the fakes. */
    public SdkHttpClient http() {
        return http;
    }

    /** A real SQS client of {@code account} talking to the fake. */
    public SqsClient sqsClient(String account) {
        StaticCredentialsProvider creds = credentials.staticFor(account);
        return SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(creds).httpClient(http)
                .endpointOverride(URI.create(sqs.uri().toString())).build();
    }

    @Override
    public void close() {
        kms.close();
        sts.close();
        organizations.close();
        account.close();
        sqs.close();
        sns.close();
        http.close();
    }
}
