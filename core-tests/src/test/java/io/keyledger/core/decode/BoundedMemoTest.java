package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void computesEachArgumentOnceUntilTheBoundIsReachedThenStartsAfresh() {
        List<String> computed = new ArrayList<>();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(2, s -> {
            computed.add(s);
            return s.length();
        });

        assertThat(memo.apply("a")).isEqualTo(1);
        assertThat(memo.apply("bb")).isEqualTo(2);
        assertThat(memo.apply("a")).isEqualTo(1);
        assertThat(memo.apply("ccc")).isEqualTo(3);
        assertThat(memo.apply("a")).isEqualTo(1);

        assertThat(computed).containsExactly("a", "bb", "ccc", "a");
    }
}
