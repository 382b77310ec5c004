package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing the decoders found (bench/fuzz.sh), pinned in plain words; the inputs themselves are replayed by
 * {@code DecoderFuzzTest} in the tests module ({@code DecoderFuzzTestInputs/awsEventBridge},
 * {@code .../azureAuditEvent}). Java takes times up to the year 1,000,000,000: such an event was decoded, and
 * then adding its retention period overflowed while the batch was applied, which failed every event of the
 * batch. Times now lie in the years 0001 to 9999 and periods are at most a hundred years, or the record is
 * malformed, naming the field.
 */
class EventTimesFuzzFindingsTest {

    private final List<KeyEvent> events = new ArrayList<>();
    private final List<DecodedRecord.Malformed> malformed = new ArrayList<>();

    private void read(String lines) throws IOException {
        Decoders.of(List.of()).read("in.jsonl", new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), r -> {
            if (r instanceof DecodedRecord.Event e) {
                events.add(e.event());
            } else if (r instanceof DecodedRecord.Malformed m) {
                malformed.add(m);
            }
        });
    }

    private static String event(String id, String eventTime, String attributes) {
        return "{\"eventId\":\"" + id + "\",\"eventTime\":\"" + eventTime + "\",\"action\":\"CREATE\",\"key\":{"
                + "\"provider\":\"aws\",\"accountScope\":\"111122223333\",\"location\":\"eu-west-1\",\"nativeId\":"
                + "\"arn:aws:kms:eu-west-1:111122223333:key/" + id + "\"},\"actor\":{\"principal\":\"alice\","
                + "\"type\":\"USER\"},\"attributes\":{" + attributes + "}}\n";
    }

    @Test
    void anEventInTheYearOneBillionIsMalformedAndTheRestOfTheBatchIsApplied() throws IOException {
        read(event("far", "+1000000000-01-01T00:00:00Z", "") + event("near", "2026-01-15T09:00:00Z", ""));

        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("eventTime");
            assertThat(m.message()).contains("years 0001 to 9999");
        });
        BatchResult applied = Fixtures.services(new InMemoryInventoryStore(new MutableClock(Fixtures.T0)),
                new MutableClock(Fixtures.T0), "default").inventory().apply(events);
        assertThat(applied.applied()).isEqualTo(1);
        assertThat(applied.rejected()).isEmpty();
    }

    @Test
    void datesAndPeriodsOutsideTheirRangeAreMalformedNamingTheAttribute() throws IOException {
        read(event("late", "2026-01-15T09:00:00Z", "\"expiresAt\":\"+10000-01-01T00:00:00Z\"")
                + event("long", "2026-01-15T09:00:00Z", "\"rotation.period\":\"P999999999D\"")
                + event("days", "2026-01-15T09:00:00Z", "\"rotation.period\":\"99999999999999999999\"")
                + event("ok", "2026-01-15T09:00:00Z", "\"expiresAt\":\"9999-12-31T23:59:59Z\",\"rotation.period\":\"P36525D\""));

        assertThat(malformed).extracting(m -> m.field() + ": " + m.message()).satisfiesExactly(
                m -> assertThat(m).contains("expiresAt: ", "years 0001 to 9999"),
                m -> assertThat(m).contains("rotation.period: ", "at most 36525 days"),
                m -> assertThat(m).contains("rotation.period: ", "ISO-8601 duration"));
        assertThat(events).extracting(KeyEvent::eventId).containsExactly("ok");
    }

    @Test
    void theBoundsThemselvesAreTaken() {
        assertThat(AttributeValues.instant("0001-01-01T00:00:00Z")).isEqualTo(AttributeValues.EARLIEST);
        assertThat(AttributeValues.duration("36525")).isEqualTo(AttributeValues.LONGEST_PERIOD);
        assertThatThrownBy(() -> AttributeValues.instant("0000-12-31T23:59:59Z"))
                .hasMessageContaining("years 0001 to 9999");
        assertThatThrownBy(() -> AttributeValues.requireInRange(Instant.MAX, "eventTime"))
                .hasMessageStartingWith("eventTime must lie");
        assertThatThrownBy(() -> AttributeValues.duration(AttributeValues.LONGEST_PERIOD.plus(Duration.ofSeconds(1))
                .toString())).hasMessageContaining("at most 36525 days");
    }
}
