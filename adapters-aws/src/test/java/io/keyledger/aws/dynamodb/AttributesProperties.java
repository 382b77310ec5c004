package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The encodings that keys, conditions and time to live depend on. */
class AttributesProperties {

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(
                Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Property
    void theExactExpiryReadsBackAsTheSameInstant(@ForAll("instants") Instant at) {
        assertThat(Attributes.fromExact(Attributes.exact(at).n())).isEqualTo(at);
    }

    @Property
    void exactExpiriesCompareAsNumbersAsTheInstantsDo(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        BigDecimal x = new BigDecimal(Attributes.exact(a).n());
        BigDecimal y = new BigDecimal(Attributes.exact(b).n());
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property
    void timeToLiveIsNeverBeforeTheExpiryNorASecondAfter(@ForAll("instants") Instant at) {
        long ttl = Attributes.ttlSeconds(at);
        assertThat(Instant.ofEpochSecond(ttl)).isAfterOrEqualTo(at).isBefore(at.plusSeconds(1));
    }

    @Property
    void timeKeysHaveOneWidthAndSortAsTheInstants(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        String x = Attributes.timeKey(a, "t");
        String y = Attributes.timeKey(b, "t");
        assertThat(x).hasSameSizeAs(y);
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property(tries = 30)
    void bodiesReadBackExactlyCompressedOrNot(@ForAll("bodies") String json) {
        Map<String, AttributeValue> item = new HashMap<>();
        Attributes.putBody(item, "body", json);

        assertThat(Attributes.body(item, "body")).isEqualTo(json);
        assertThat(item).containsOnlyKeys(json.getBytes(StandardCharsets.UTF_8).length
                > Attributes.COMPRESS_ABOVE ? "bodyGz" : "body");
    }

    @Provide
    Arbitrary<String> bodies() {
        // well-formed text: what JSON bodies are (a lone surrogate has no UTF-8 form)
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(4000);
    }

    @Example
    void instantsOutsideTheKeyableYearsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> Attributes.timeKey(Instant.parse("+10000-01-01T00:00:00Z"), "event time of aws:e1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event time of aws:e1");
    }

    @Example
    void keysOverDynamoDbsLimitsAreRefused() {
        assertThatThrownBy(() -> Keys.item("T#acme#KEYS", "k".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort key");
        assertThatThrownBy(() -> Keys.tenant("acme#beta")).isInstanceOf(IllegalArgumentException.class);
    }
}
