package io.keyledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoUtcTest {

    @Property(tries = 500)
    void readsWhatInstantWritesAsInstantParseDoes(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds,
                                                  @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);

        assertThat(IsoUtc.parse(t.toString())).contains(Instant.parse(t.toString()));
    }

    @Property(tries = 2000)
    void writesWhatInstantToStringWrites(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
                                         @ForAll("nanos") int nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);

        assertThat(IsoUtc.format(t)).isEqualTo(t.toString());
        assertThat(IsoUtc.parse(IsoUtc.format(t))).contains(t);
    }

    /** Whole seconds, milliseconds and microseconds as often as any nanosecond: each has its own length of fraction. */
    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
    }

    @Test
    void writesTheEdgesOfFourDigitYearsAndBeyondThemAsInstantDoes() {
        for (String t : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.100Z", "2026-01-15T09:00:00.000001Z")) {
            assertThat(IsoUtc.format(Instant.parse(t))).isEqualTo(t);
        }
        for (Instant t : List.of(Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"))) {
            assertThat(IsoUtc.format(t)).isEqualTo(t.toString());
        }
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
