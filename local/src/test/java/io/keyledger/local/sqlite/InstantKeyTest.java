package io.keyledger.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InstantKeyTest {

    @Property
    void keysRoundTripExactly(@ForAll("instants") Instant instant) {
        assertThat(InstantKey.parse(InstantKey.of(instant))).isEqualTo(instant);
    }

    @Property
    void keysSortAsTheInstantsDo(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        assertThat(Integer.signum(InstantKey.of(a).compareTo(InstantKey.of(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
        assertThat(InstantKey.of(a)).hasSameSizeAs(InstantKey.of(b));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.longs().between(1_700_000_000L, 1_700_000_010L),
                Arbitraries.of(Instant.MIN.getEpochSecond(), -1L, 0L, Instant.MAX.getEpochSecond()));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(0, 1, 500_000_000, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
