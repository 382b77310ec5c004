package io.keyledger.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The harness on the bundled log: every change applied once, a redelivery writing nothing, the ledger intact. */
class TablesIngestHarnessTest {

    @Test
    void theSampleIsIngestedIntoTablesOnAzuriteAndItsRequestsCounted() {
        TablesIngestHarness.Result result = TablesIngestHarness.run(1);

        assertThat(result.problems()).isEmpty();
        assertThat(result.fresh().events()).isPositive();
        assertThat(result.uses().events()).isPositive();
        assertThat(result.fresh().requests().writeRequests()).as("every new event writes")
                .isGreaterThanOrEqualTo(result.fresh().events());
        assertThat(result.redelivered().outcome().duplicates()).isEqualTo(result.fresh().events());
        assertThat(result.usesAgain().requests().writeRequests()).as("a repeated use changes nothing").isZero();
    }

    @Test
    void optionsAreChecked() {
        assertThat(TablesIngestHarness.recordsPerEvent()).isEqualTo(1);
        assertThat(TablesIngestHarness.recordsPerEvent("--records-per-event", "20")).isEqualTo(20);
        assertThatThrownBy(() -> TablesIngestHarness.recordsPerEvent("--records-per-event", "0"))
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> TablesIngestHarness.recordsPerEvent("--keys", "3")).hasMessageContaining("unknown");
    }
}
