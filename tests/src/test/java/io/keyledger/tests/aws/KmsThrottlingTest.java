package io.keyledger.tests.aws;

import static io.keyledger.tests.aws.KmsKeySourceTest.ACCOUNT;
import static io.keyledger.tests.aws.KmsKeySourceTest.CREATED;
import static io.keyledger.tests.aws.KmsKeySourceTest.REGION;
import static io.keyledger.tests.aws.KmsKeySourceTest.keyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.kms.KmsClients;
import io.keyledger.aws.kms.KmsKeySource;
import io.keyledger.aws.kms.KmsSweepOptions;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.PacingQuota;
import io.keyledger.core.sweep.PacingStats;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A sweep whose KMS quota is nearly spent by others: the fake throttles DescribeKey at 20 requests a
 * second on the test's clock, the sweep paces itself at the documented 2000 a second, and every throttled
 * request is backed off and retried until the scope is read whole. Waiting moves the clock; nothing sleeps.
 */
class KmsThrottlingTest {

    private final AwsFakes aws = new AwsFakes(ACCOUNT);
    private final MutableClock clock = MutableClock.at("2026-11-28T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final KmsClient kms = KmsClients.client(REGION, aws.credentials.staticFor(ACCOUNT), aws.http(),
            Optional.of(aws.kms.uri()));
    private final SweepScope scope = new SweepScope(Provider.AWS, ACCOUNT, REGION);
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final Reconciler reconciler = Fixtures.services(store, clock, "acme").reconciler();

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Test
    void throttledRequestsAreBackedOffAndRetriedUntilTheScopeIsReadWhole() {
        for (int i = 0; i < 30; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        aws.kms.throttle("DescribeKey", 20, 3, clock);
        PacingPolicy policy = PacingPolicy.aws().withRetries(8, Duration.ofMillis(200), Duration.ofSeconds(5));
        // Without the usage and access reads, whose slow quota would space the describes out of the throttle's reach.
        KmsSweepOptions options = KmsSweepOptions.defaults().withPageSizes(10, 100, 50).withPacing(policy)
                .withUsageAndAccess(false);
        KmsKeySource kmsSource = new KmsKeySource(kms, scope, options, clock, sleeper);
        PacedKeySource paced = new PacedKeySource(kmsSource, new PacingQuota(policy, clock), sleeper, new Random(7));

        SweepOutcome outcome = reconciler.sweep("acme", "sweep-throttled", paced, Optional.empty());

        assertThat(outcome.complete()).as(outcome.report().partialReason().orElse("")).isTrue();
        assertThat(outcome.report().counts()).containsEntry(KeyClass.UNTRACKED, 30L);
        long throttled = aws.kms.throttled("DescribeKey");
        assertThat(throttled).as("the fake refused some describes").isPositive();
        PacingStats pacing = outcome.pacing().orElseThrow();
        assertThat(pacing.retries()).as("each refusal was retried once it was reported").isEqualTo(throttled);
        assertThat(pacing.givenUp()).isZero();
        assertThat(pacing.backoffWait()).isPositive();
        assertThat(kmsSource.throttled()).isEqualTo(throttled);
        assertThat(kmsSource.requests().get("DescribeKey")).as("a retried page re-reads only what it had not read")
                .isEqualTo(30 + throttled);
        assertThat(aws.kms.count("DescribeKey")).as("the SDK itself did not retry throttled requests")
                .isEqualTo(30 + throttled);
    }

    @Test
    void aScopeThrottledPastItsBudgetIsPartialWithACursorToResumeFrom() {
        for (int i = 0; i < 12; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        aws.kms.throttle("ListKeys", 1e-9, 1, clock);
        PacingPolicy policy = PacingPolicy.aws().withRetries(2, Duration.ofMillis(100), Duration.ofSeconds(1));
        KmsSweepOptions options = KmsSweepOptions.defaults().withPageSizes(5, 100, 50).withPacing(policy);

        SweepOutcome outcome = reconciler.sweep("acme", "sweep-starved",
                KmsKeySource.paced(kms, scope, options, clock, sleeper, new Random(3)), Optional.empty());

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("listing failed after 5 keys").contains("ThrottlingException"));
        assertThat(outcome.resumeCursor()).as("the second page's marker").isPresent();
        assertThat(outcome.pacing().orElseThrow().givenUp()).isEqualTo(1);
        assertThat(outcome.report().counts()).containsEntry(KeyClass.MISSING, 0L);
    }

    @Test
    void theSweepPacesItselfWithinTheDocumentedQuota() {
        for (int i = 0; i < 10; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        PacingPolicy policy = PacingPolicy.aws().withQuotaShare(0.01);
        KmsKeySource source = new KmsKeySource(kms, scope, KmsSweepOptions.defaults().withPacing(policy)
                .withUsageAndAccess(false), clock, sleeper);

        reconciler.sweep("acme", "sweep-paced", source);

        // 1% of ListKeyRotations's 100 requests a second is 1 a second: the slowest quota binds, and the faster
        // ones (GetKeyRotationStatus at 10 a second, DescribeKey and ListResourceTags at 20) refill while it
        // waits. 10 keys: 9 waits.
        assertThat(sleeper.total()).isBetween(Duration.ofMillis(8500), Duration.ofMillis(10000));
        assertThat(aws.kms.throttled("DescribeKey")).isZero();
    }

    @Test
    void readingEachKeysLastUseIsPacedAtItsOwnSlowQuota() {
        for (int i = 0; i < 10; i++) {
            aws.kms.addKey(ACCOUNT, REGION, keyId(i), CREATED);
        }
        aws.kms.throttle("GetKeyLastUsage", 5, 1, clock);
        PacingPolicy policy = PacingPolicy.aws().withQuotaShare(0.01);
        KmsKeySource source = new KmsKeySource(kms, scope, KmsSweepOptions.defaults().withPacing(policy), clock,
                sleeper);

        reconciler.sweep("acme", "sweep-last-use", source);

        // 1% of GetKeyLastUsage's 5 requests a second is one every 20 seconds, which binds: 10 keys, 9 waits.
        assertThat(sleeper.total()).isBetween(Duration.ofSeconds(175), Duration.ofSeconds(185));
        assertThat(aws.kms.throttled("GetKeyLastUsage")).isZero();
        assertThat(source.requests()).containsEntry("GetKeyLastUsage", 10L).containsEntry("ListGrants", 10L)
                .containsEntry("GetKeyPolicy", 10L);
    }
}
