package io.keyledger.aws.dynamodb;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.UnprocessedItemsInjector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What DynamoDB leaves unprocessed in a BatchWriteItem call is sent again after a backoff with jitter
 * (waited on a fake clock here), until everything is written; or the operation fails, saying so.
 */
class BatchWriteRetryTest {

    private static final String ACME = "acme";
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(MutableClock.at("2026-03-01T00:00:00Z"));
    private final UnprocessedItemsInjector throttle = new UnprocessedItemsInjector();
    private final DynamoDbRequestCounter counter = new DynamoDbRequestCounter();
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore
            .builder(dynamo.testClient(throttle, counter), dynamo.newTable()).clock(clock).sleeper(sleeper)
            .batchBackoff(BACKOFF, new SplittableRandom(7)).maxBatchAttempts(5).build();

    private void insertEvents(int count, Optional<Instant> expiry) {
        for (int i = 0; i < count; i++) {
            StoredEvent e = stored(ACME, event("e" + i, clock.instant().minusSeconds(i), Action.TAG, awsKey("k" + (i % 3))),
                    expiry);
            store.insertEvent(e);
        }
    }

    /** Events expire a day after their time: those inserted here, two days on. */
    private static final ExpiryRules ONE_DAY = new ExpiryRules(new RetentionPolicy(java.time.Period.ofDays(1),
            java.time.Period.ofDays(1), java.time.Period.ofDays(1)), List.of());

    @Test
    void aRestampWritesEverythingThoughThrottledBatchesHandItemsBack() {
        insertEvents(12, Optional.of(clock.instant().plus(Duration.ofDays(5))));
        LegalHold hold = new LegalHold(ACME, Optional.empty(), "litigation", "admin", clock.instant());
        counter.reset();
        throttle.throttleNextCalls(3);

        store.restampExpiries(ACME, Optional.empty(), new ExpiryRules(RetentionPolicy.DEFAULT, List.of(hold)));

        // 12 events x 3 items = 36 writes: 2 batches, and 3 more for what was handed back.
        assertThat(throttle.throttledCalls()).isEqualTo(3);
        assertThat(counter.snapshot().requests("BatchWriteItem")).isEqualTo(2 + 3);
        assertThat(sleeper.waits()).hasSize(3).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(BACKOFF.ceiling(2)));
        for (int k = 0; k < 3; k++) {
            assertThat(store.eventsForKey(ACME, awsKey("k" + k).id())).hasSize(4)
                    .allSatisfy(e -> assertThat(e.expiresAt()).isEmpty());
        }
    }

    @Test
    void aPurgeDeletesEverythingThoughThrottledBatchesHandItemsBack() {
        insertEvents(10, Optional.of(clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofDays(2));
        throttle.throttleNextCalls(4);

        PurgeResult result = store.purgeExpired(ACME, clock.instant(), ONE_DAY);

        assertThat(result.events()).isEqualTo(10);
        assertThat(throttle.throttledCalls()).isEqualTo(4);
        assertThat(sleeper.waits()).hasSize(4);
        assertThat(store.purgeExpired(ACME, clock.instant(), ONE_DAY)).isEqualTo(PurgeResult.NOTHING);
        clock.advance(Duration.ofDays(-2));
        assertThat(store.eventsForKey(ACME, awsKey("k0").id())).as("deleted, not only hidden").isEmpty();
    }

    @Test
    void itemsStillUnprocessedAfterTheLastAttemptFailTheOperationSayingSo() {
        insertEvents(20, Optional.of(clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofDays(2));
        throttle.throttleNextCalls(100);

        assertThatThrownBy(() -> store.purgeExpired(ACME, clock.instant(), ONE_DAY))
                .isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("BatchWriteItem left")
                .hasMessageContaining("unprocessed after 5 attempts while trying to purge expired events");
        assertThat(sleeper.waits()).hasSize(4);
    }
}
