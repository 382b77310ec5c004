package io.keyledger.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness on two copies: every key is stored, a redelivery's every commit is refused, the events differ. */
class EventarcIngestHarnessTest {

    @Test
    void aSmallRunStoresEveryKeyInFirestoreAndCountsItsRequests() {
        EventarcIngestHarness.Result result = EventarcIngestHarness.run(new EventarcIngestHarness.Options(2, 0));

        assertThat(result.problems()).isEmpty();
        assertThat(result.fresh().events()).isEqualTo(2 * EventarcIngestHarness.demoEntries().size());
        assertThat(result.fresh().firestore().writeRequests()).as("every new event writes")
                .isGreaterThanOrEqualTo(result.fresh().events());
        assertThat(result.redelivered().firestore().failures().getOrDefault("Commit", 0L))
                .as("a redelivered event's commits are refused creates")
                .isEqualTo(result.redelivered().firestore().writeRequests());
    }

    @Test
    void eachCopyIsOnKeysAndIdsOfItsOwn() {
        List<String> entries = EventarcIngestHarness.demoEntries();
        List<CloudEvent> events = EventarcIngestHarness.events(entries, 3, 2);

        assertThat(events).hasSize(2 * entries.size());
        assertThat(events).extracting(CloudEvent::getId).doesNotHaveDuplicates();
        assertThat(new String(events.get(0).getData().toBytes())).contains("/cryptoKeys/legacy-reports-3")
                .doesNotContain("/cryptoKeys/legacy-reports\"");
        assertThatThrownBy(() -> EventarcIngestHarness.Options.parse("--copies", "0")).hasMessageContaining("--copies");
    }
}
