package io.keyledger.aws.sns;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever the alert says, its subject is one SNS accepts. */
class SubjectProperties {

    @Property
    void subjectsArePrintableAsciiOfAtMost100CharactersStartingWithTheProductName(
            @ForAll Rule rule,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String tenant,
            @ForAll @StringLength(max = 400) String message) {
        Alert alert = Alert.open(tenant, rule, Optional.empty(), List.of(), message, "c", Instant.EPOCH);

        String subject = SnsAlertSink.subject(alert);

        assertThat(subject).hasSizeLessThanOrEqualTo(SnsAlertSink.MAX_SUBJECT).startsWith("KeyLedger ");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
