package io.keyledger.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AttributeValuesProperties {

    /** A list value is its comma-separated items, each trimmed, the empty ones left out, in order. */
    @Property(tries = 1000)
    void aListIsItsTrimmedNonEmptyItems(@ForAll @StringLength(max = 40) @Chars({',', ' ', '\t'})
                                        @CharRange(from = 'a', to = 'c') String value) {
        List<String> expected = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (!item.trim().isEmpty()) {
                expected.add(item.trim());
            }
        }
        assertThat(AttributeValues.list(value)).containsExactlyElementsOf(expected);
    }

    @Test
    void aListCannotBeChanged() {
        List<String> items = AttributeValues.list(" s3.amazonaws.com, ,lambda.amazonaws.com,");
        assertThat(items).containsExactly("s3.amazonaws.com", "lambda.amazonaws.com");
        assertThatThrownBy(() -> items.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
