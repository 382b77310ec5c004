package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoUtcTest {

    @Property(tries = 500)
    void readsWhatInstantWritesAsInstantParseDoes(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds,
                                                  @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);

        assertThat(IsoUtc.parse(t.toString())).contains(Instant.parse(t.toString()));
    }

    @Test
    void leavesEveryOtherFormToTheFullParsers() {
        assertThat(IsoUtc.parse("2026-02-30T09:00:00Z")).isEmpty();
        assertThat(IsoUtc.parse("2026-01-15T09:00:00+01:00")).isEmpty();
        assertThat(IsoUtc.parse("2026-01-15T24:00:00Z")).isEmpty();
        assertThat(IsoUtc.parse("2026-01-15 09:00:00Z")).isEmpty();
        assertThat(IsoUtc.parse("2026-01-15T09:00:00.Z")).isEmpty();
        assertThat(IsoUtc.parse("2026-01-15T09:00:00.1234567890Z")).isEmpty();
        assertThat(IsoUtc.parse("+2026-01-15T09:00:00Z")).isEmpty();
        assertThat(IsoUtc.parse("2026-1-15T09:00:00Z")).isEmpty();
    }

    @Test
    void readsFractionsOfAnyLength() {
        assertThat(IsoUtc.parse("2026-01-15T09:00:00.5Z")).contains(Instant.parse("2026-01-15T09:00:00.500Z"));
        assertThat(IsoUtc.parse("2026-01-15T09:00:00.000000001Z")).contains(Instant.parse("2026-01-15T09:00:00.000000001Z"));
    }
}
