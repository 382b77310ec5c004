package io.keyledger.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PubSubTopicTest {

    @Test
    void aTopicIsNamedInFullOrByIdInTheDefaultProject() {
        assertThat(PubSubTopic.parse("projects/acme-security/topics/keyledger-sweep", "other-project"))
                .isEqualTo(new PubSubTopic("acme-security", "keyledger-sweep"));
        assertThat(PubSubTopic.parse("keyledger-sweep", "acme-security").name())
                .isEqualTo("projects/acme-security/topics/keyledger-sweep");
    }

    @Test
    void malformedNamesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> PubSubTopic.parse("projects/acme-security/subscriptions/x", "p"))
                .hasMessageContaining("expected projects/<project>/topics/<topic>");
        assertThatThrownBy(() -> new PubSubTopic("acme-security", "goog-reserved")).hasMessageContaining("field 'topic'");
        assertThatThrownBy(() -> new PubSubTopic("Acme", "keyledger")).hasMessageContaining("field 'project'");
        assertThatThrownBy(() -> new PubSubTopic("acme-security", "ab")).hasMessageContaining("field 'topic'");
    }
}
