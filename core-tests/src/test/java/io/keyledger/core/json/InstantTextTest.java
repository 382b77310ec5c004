package io.keyledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** KeyLedger's own instant text must be Jackson's, byte for byte: stored records and ledger digests depend on it. */
class InstantTextTest {

    /** Jackson's own java.time support, as KeyLedger's mapper had it before. */
    private static final JsonMapper STOCK = JsonMapper.builder().build();

    record Dated(Instant at, Optional<Instant> maybe, List<Instant> many, Map<String, Instant> named) {
    }

    @Property(tries = 500)
    void writesAndReadsWhatJacksonsOwnSupportDoes(@ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long seconds,
                                                  @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        Instant ms = Instant.ofEpochSecond(seconds, nanos / 1_000_000 * 1_000_000);
        Dated value = new Dated(t, Optional.of(ms), List.of(ms, t), Map.of("at", Instant.ofEpochSecond(seconds)));

        String written = Json.mapper().writeValueAsString(value);

        assertThat(written).isEqualTo(STOCK.writeValueAsString(value));
        assertThat(Json.mapper().readValue(written, Dated.class)).isEqualTo(value);
    }

    /** The fast path takes only the canonical form; whatever else Jackson reads or refuses, it still does. */
    @Test
    void readsAndRefusesEveryOtherFormAsJacksonDoes() {
        for (String json : List.of("\"2026-01-15T10:00:00+01:00\"", "1768467600", "1768467600.5",
                "\"2026-01-15T09:00:00.5Z\"", "\"2026-01-15t09:00:00z\"", "\"2026-01-15T24:00:00Z\"",
                "\"2026-06-30T23:59:60Z\"", "\"2026-02-30T09:00:00Z\"", "\"yesterday\"", "\"\"", "true")) {
            assertThat(outcome(Json.mapper(), json)).as(json).isEqualTo(outcome(STOCK, json));
        }
        assertThat(outcome(STOCK, "\"yesterday\"")).isEqualTo("refused");
    }

    private static Object outcome(JsonMapper mapper, String json) {
        try {
            return Optional.ofNullable(mapper.readValue(json, Instant.class));
        } catch (JacksonException e) {
            return "refused";
        }
    }
}
