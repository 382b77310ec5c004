package io.keyledger.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The harness on a few keys: every event is applied, a redelivery applies none, and the counts add up. */
class SqsIngestHarnessTest {

    @Test
    void aSmallRunIngestsEveryEventIntoDynamoDbAndCountsItsRequests() throws IOException {
        SqsIngestHarness.Result result = SqsIngestHarness.run(new SqsIngestHarness.Options(5, 0, 10, 60));

        assertThat(result.problems()).isEmpty();
        assertThat(result.fresh().events()).isEqualTo(5 * KmsEventBridgeEvents.PER_KEY);
        assertThat(result.fresh().batches()).isEqualTo(2);
        assertThat(result.fresh().dynamoDb().writeRequests()).as("every new event writes")
                .isGreaterThanOrEqualTo(result.fresh().events());
        assertThat(result.fresh().dynamoDb().requests("UpdateItem")).as("the ledger head moves once per batch")
                .isEqualTo(result.fresh().batches());
        assertThat(result.redelivered().dynamoDb().writeRequests())
                .as("a redelivered event writes only its refused marker").isEqualTo(result.redelivered().events());
        SqsIngestHarness.Pass uses = result.uses().orElseThrow();
        assertThat(uses.events()).isEqualTo(5 * 60);
        assertThat(uses.dynamoDb().writeRequests()).as("uses write per key and batch, not per use")
                .isLessThan(uses.events());
        assertThat(uses.dynamoDb().requests("GetItem"))
                .as("a key's rollup and record read once per batch, and the rollup again to merge into it")
                .isLessThanOrEqualTo(3L * 5 * uses.batches());
        assertThat(result.table()).containsKeys("KEY_RECORD", "USAGE", "LEDGER_RECORD");
    }

    @Test
    void optionsAreChecked() {
        assertThat(SqsIngestHarness.Options.parse("--keys", "7", "--batch-size", "5"))
                .isEqualTo(new SqsIngestHarness.Options(7, 50, 5, 100));
        assertThatThrownBy(() -> SqsIngestHarness.Options.parse("--batch-size", "10001"))
                .hasMessage("--batch-size must be 1 to 10000");
        assertThatThrownBy(() -> SqsIngestHarness.Options.parse("--keys")).hasMessage("--keys needs a value");
        assertThatThrownBy(() -> SqsIngestHarness.Options.parse("--batches", "3")).hasMessage("unknown option --batches");
    }
}
