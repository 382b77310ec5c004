package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IsoPeriodsTest {

    @Test
    void rotationPeriodsAsKeyVaultWritesThem() {
        assertThat(IsoPeriods.parse("P90D")).contains(Duration.ofDays(90));
        assertThat(IsoPeriods.parse("P18M")).contains(Duration.ofDays(540));
        assertThat(IsoPeriods.parse("P2Y")).contains(Duration.ofDays(730));
        assertThat(IsoPeriods.parse("P1Y6M")).contains(Duration.ofDays(545));
        assertThat(IsoPeriods.parse("P2W")).contains(Duration.ofDays(14));
        assertThat(IsoPeriods.parse("PT48H")).contains(Duration.ofHours(48));
        assertThat(IsoPeriods.parse("p30d")).contains(Duration.ofDays(30));
        for (String bad : new String[] {"P", "PT", "P0D", "90 days", "", "P1DT"}) {
            assertThat(IsoPeriods.parse(bad)).as(bad).isEmpty();
        }
        assertThat(IsoPeriods.text(Duration.ofDays(540))).isEqualTo("P540D");
        assertThat(IsoPeriods.text(Duration.ofHours(36))).isEqualTo("PT36H");
    }
}
