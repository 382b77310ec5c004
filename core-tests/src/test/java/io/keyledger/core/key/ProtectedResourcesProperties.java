package io.keyledger.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** What a key protects is a bounded rollup: any order and any repetition of merges gives the same. */
class ProtectedResourcesProperties {

    @Property
    void mergingIsCommutativeAssociativeAndIdempotent(@ForAll @Size(max = 40) List<@StringLength(min = 1, max = 12) String> a,
                                                       @ForAll @Size(max = 40) List<@StringLength(min = 1, max = 12) String> b,
                                                       @ForAll @Size(max = 40) List<@StringLength(min = 1, max = 12) String> c,
                                                       @ForAll @IntRange(max = 5000) int reported) {
        ProtectedResources x = ProtectedResources.of(a);
        ProtectedResources y = ProtectedResources.of(b).merge(ProtectedResources.reported(reported));
        ProtectedResources z = ProtectedResources.of(c);

        assertThat(x.merge(y)).isEqualTo(y.merge(x));
        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
        assertThat(x.merge(x)).isEqualTo(x);
        assertThat(x.merge(y).merge(y)).isEqualTo(x.merge(y));
    }

    @Property
    void namesAreBoundedAndTheCountIsExactBelowTheSketchSize(@ForAll @IntRange(max = 63) int n) {
        ProtectedResources p = ProtectedResources.of(resources(n));

        assertThat(p.names()).hasSize(Math.min(n, ProtectedResources.NAMED));
        assertThat(p.exact()).isTrue();
        assertThat(p.count()).isEqualTo(n);
        assertThat(p.unnamed()).isEqualTo(Math.max(0, n - ProtectedResources.NAMED));
    }

    @Test
    void beyondTheSketchTheCountIsAnEstimateOfTheRightSize() {
        // Merged a hundred at a time, as many uses each naming a few would be.
        ProtectedResources p = ProtectedResources.NONE;
        List<String> all = resources(20_000);
        for (int i = 0; i < all.size(); i += 100) {
            p = p.merge(ProtectedResources.of(all.subList(i, i + 100)));
        }

        assertThat(p.exact()).isFalse();
        assertThat(p.names()).hasSize(ProtectedResources.NAMED);
        assertThat(p.hashes()).hasSize(ProtectedResources.COUNTED_EXACTLY);
        // The bottom-k estimator's relative error is about 1/sqrt(k - 2): 13 % for k = 64; three of them here.
        assertThat(p.count()).isBetween(12_000L, 28_000L);
    }

    @Test
    void aProvidersCountWinsWhenItIsTheLarger() {
        ProtectedResources seen = ProtectedResources.of(resources(3));

        assertThat(seen.merge(ProtectedResources.reported(1250)).count()).isEqualTo(1250);
        assertThat(seen.merge(ProtectedResources.reported(1250)).unnamed()).isEqualTo(1247);
        assertThat(seen.merge(ProtectedResources.reported(2)).count()).isEqualTo(3);
        assertThat(ProtectedResources.reported(7).isEmpty()).isFalse();
        assertThat(ProtectedResources.NONE.isEmpty()).isTrue();
        assertThatThrownBy(() -> ProtectedResources.reported(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not negative");
    }

    @Test
    void aNamesHashIsTheFirst63BitsOfItsSha256() {
        // Stored rollups keep these hashes: any other function would count a resource twice once merged.
        // SHA-256("abc") begins ba7816bf8f01cfea (FIPS 180-2's first example).
        assertThat(ProtectedResources.hash("abc")).isEqualTo(0xba7816bf8f01cfeaL >>> 1).isEqualTo(0x5d3c0b5fc780e7f5L);
        assertThat(ProtectedResources.of(List.of(" abc ")).hashes()).containsExactly(0x5d3c0b5fc780e7f5L);
    }

    @Property
    void addingNamesOneByOneIsMergingThem(@ForAll @Size(max = 120) List<@IntRange(max = 150) Integer> picks) {
        ProtectedResources.Sketch sketch = new ProtectedResources.Sketch();
        ProtectedResources merged = ProtectedResources.NONE;
        for (int pick : picks) {
            String name = "arn:aws:s3:::bucket-" + pick;
            sketch.add(name);
            merged = merged.merge(ProtectedResources.of(List.of(name)));
        }

        assertThat(sketch.build()).isEqualTo(merged);
    }

    @Test
    void blankNamesAreNoResources() {
        assertThat(ProtectedResources.of(List.of(" ", "", " arn:aws:s3:::b ")).names()).isEqualTo(Set.of("arn:aws:s3:::b"));
    }

    private static List<String> resources(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> "arn:aws:s3:::bucket-" + i).toList());
    }
}
