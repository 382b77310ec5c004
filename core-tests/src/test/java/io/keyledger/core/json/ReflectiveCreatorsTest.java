package io.keyledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.keyledger.core.key.CryptoAsset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.DeserializationContextExt;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.json.JsonMapper;

/** KeyLedger's mapper builds records by reflection, and reads exactly what Jackson's own instantiation reads. */
class ReflectiveCreatorsTest {

    /** KeyLedger's mapper as it was before: the same features, Jackson's own instantiation. */
    private static final JsonMapper STOCK = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(InstantText.module())
            .build();

    public record Reading(int count, String label, Optional<String> note, List<String> tags) {
        public Reading {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            if ("fail hard".equals(label)) {
                throw new AssertionError("the constructor failed hard");
            }
        }
    }

    @Test
    void recordsAreBuiltThroughTheReflectiveInstantiator() {
        DeserializationContextExt context = Json.mapper()._deserializationContext();

        for (Class<?> type : List.of(Reading.class, CryptoAsset.class)) {
            BeanDeserializerBase deserializer = (BeanDeserializerBase) context.findRootValueDeserializer(
                    context.constructType(type));
            assertThat(deserializer.getValueInstantiator().getClass().getName())
                    .isEqualTo(ReflectiveCreators.class.getName() + "$Reflective");
        }
    }

    @Test
    void readsWhatJacksonsOwnInstantiationReads() throws Exception {
        for (String json : List.of(
                "{\"count\": 3, \"label\": \"a\", \"note\": \"n\", \"tags\": [\"x\", \"y\"]}",
                "{\"count\": 0}",
                "{\"label\": \"only\", \"unknown\": 1}",
                "{\"count\": null, \"note\": null}")) {
            assertThat(Json.mapper().readValue(json, Reading.class)).isEqualTo(STOCK.readValue(json, Reading.class));
        }
    }

    @Test
    void aConstructorsRefusalIsReportedAsJacksonReportsIt() {
        for (String json : List.of("{\"count\": -1}", "{\"count\": \"many\"}", "{\"label\": \"fail hard\"}")) {
            Throwable ours = catchThrowable(() -> Json.mapper().readValue(json, Reading.class));
            Throwable stock = catchThrowable(() -> STOCK.readValue(json, Reading.class));

            assertThat(ours).isNotNull().hasSameClassAs(stock);
            assertThat(ours.getMessage()).isEqualTo(stock.getMessage());
            assertThat(ours.getCause() == null ? null : ours.getCause().getClass())
                    .isEqualTo(stock.getCause() == null ? null : stock.getCause().getClass());
        }
        assertThat(catchThrowable(() -> Json.mapper().readValue("{\"count\": -1}", Reading.class)))
                .hasMessageContaining("count must not be negative: -1");
    }
}
