package io.keyledger.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApiOperationTest {

    static final ApiOperation LIST_KEYS = new ApiOperation(Provider.AWS, "kms", "ListKeys", "kms:ListKeys", false);
    static final ApiOperation LIST_CRYPTO_KEYS = new ApiOperation(Provider.GCP, "cloudkms", "ListCryptoKeys",
            "cloudkms.cryptoKeys.list", true);
    static final ApiOperation GET_KEY = new ApiOperation(Provider.AZURE, "Microsoft.KeyVault", "GetKey",
            "Microsoft.KeyVault/vaults/keys/read", true);

    @Test
    void eachProviderNamesItsOwnPermission() {
        assertThat(List.of(LIST_KEYS, LIST_CRYPTO_KEYS, GET_KEY)).extracting(ApiOperation::permission)
                .containsExactly("kms:ListKeys", "cloudkms.cryptoKeys.list", "Microsoft.KeyVault/vaults/keys/read");
        assertThat(LIST_KEYS).hasToString("kms ListKeys");
    }

    @Test
    void aPermissionWithAWildcardIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new ApiOperation(Provider.AWS, "kms", "ListKeys", "kms:List*", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'permission'").hasMessageContaining("kms:List*");
    }

    @Test
    void blankOrSpacedNamesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new ApiOperation(Provider.AWS, "", "ListKeys", "kms:ListKeys", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'service'");
        assertThatThrownBy(() -> new ApiOperation(Provider.AWS, "kms", "List Keys", "kms:ListKeys", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'name'");
        assertThatThrownBy(() -> new ApiOperation(Provider.AWS, "kms", "ListKeys", null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'permission'");
        assertThatThrownBy(() -> new ApiOperation(null, "kms", "ListKeys", "kms:ListKeys", false))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("provider");
    }

    @Test
    void aSavedListingDeclaresNothingAndPacingDeclaresWhatItPaces() {
        SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "us-east-1");
        FakeKeySource saved = new FakeKeySource(scope, 10);
        KeySource live = new KeySource() {
            @Override
            public SweepScope scope() {
                return scope;
            }

            @Override
            public KeyListing list(Optional<String> cursor) {
                return saved.list(cursor);
            }

            @Override
            public Optional<ObservedKey> describe(KeyRef key) {
                return saved.describe(key);
            }

            @Override
            public Set<ApiOperation> operations() {
                return Set.of(LIST_KEYS);
            }
        };
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

        assertThat(saved.operations()).isEmpty();
        assertThat(PacedKeySource.paced(live, PacingPolicy.aws(), clock, new FakeSleeper(clock), new SplittableRandom(1))
                .operations()).containsExactly(LIST_KEYS);
    }
}
