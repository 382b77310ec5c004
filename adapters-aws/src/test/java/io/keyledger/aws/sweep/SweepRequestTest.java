package io.keyledger.aws.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The queue message of one scope: written and read back alike, and refused with the field at fault. */
class SweepRequestTest {

    @Property(tries = 200)
    void whatIsWrittenIsReadBack(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String sweepId,
                                 @ForAll @IntRange(min = 0, max = 999_999) int account,
                                 @ForAll boolean withTenant, @ForAll @StringLength(max = 200) String cursor) {
        SweepRequest request = new SweepRequest(sweepId, String.format("100000%06d", account), "ap-southeast-2",
                withTenant ? Optional.of("acme") : Optional.empty(),
                cursor.isEmpty() ? Optional.empty() : Optional.of(cursor));

        assertThat(SweepRequest.fromJson(request.toJson())).isEqualTo(request);
    }

    @Test
    void aScopeBecomesARequestAndBack() {
        SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "eu-west-1");

        SweepRequest request = SweepRequest.of("s1", scope, Optional.of("acme"));

        assertThat(request.scope()).isEqualTo(scope);
        assertThat(request.toJson()).isEqualTo("{\"type\":\"keyledger.sweep.scope\",\"sweepId\":\"s1\","
                + "\"account\":\"111122223333\",\"region\":\"eu-west-1\",\"tenant\":\"acme\"}");
        assertThat(request.resumeAt("c2").cursor()).contains("c2");
    }

    @Test
    void badMessagesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SweepRequest.fromJson("not json")).hasMessageStartingWith("sweep request: not JSON");
        assertThatThrownBy(() -> SweepRequest.fromJson("{\"type\":\"other\"}")).hasMessageContaining("field 'type'");
        assertThatThrownBy(() -> SweepRequest.fromJson(
                "{\"type\":\"keyledger.sweep.scope\",\"sweepId\":\"s\",\"account\":\"12\",\"region\":\"eu-west-1\"}"))
                .hasMessageContaining("field 'account' is not valid: '12'");
        assertThatThrownBy(() -> SweepRequest.fromJson(
                "{\"type\":\"keyledger.sweep.scope\",\"sweepId\":\"s\",\"account\":\"111122223333\",\"region\":7}"))
                .hasMessageContaining("field 'region' must be a string");
        assertThatThrownBy(() -> SweepRequest.of("s", new SweepScope(Provider.GCP, "p", "global"), Optional.empty()))
                .hasMessageContaining("not an AWS scope");
    }
}
