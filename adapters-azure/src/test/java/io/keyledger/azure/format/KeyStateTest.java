package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.LifecycleState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyStateTest {

    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final Optional<Instant> PAST = Optional.of(Instant.parse("2026-01-01T00:00:00Z"));
    private static final Optional<Instant> FUTURE = Optional.of(Instant.parse("2027-01-01T00:00:00Z"));

    @Test
    void theTableOfConditions() {
        assertThat(KeyState.of(true, Optional.empty(), Optional.empty(), NOW))
                .isEqualTo(new KeyState(KeyCondition.ENABLED, LifecycleState.ACTIVE, "enabled"));
        assertThat(KeyState.of(true, PAST, FUTURE, NOW).state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(KeyState.of(true, FUTURE, Optional.empty(), NOW))
                .isEqualTo(new KeyState(KeyCondition.NOT_YET_VALID, LifecycleState.PRE_ACTIVATION,
                        "enabled, not before 2027-01-01T00:00:00Z"));
        assertThat(KeyState.of(false, Optional.empty(), FUTURE, NOW))
                .isEqualTo(new KeyState(KeyCondition.DISABLED, LifecycleState.SUSPENDED, "disabled"));
        assertThat(KeyState.of(true, Optional.empty(), PAST, NOW))
                .isEqualTo(new KeyState(KeyCondition.EXPIRED, LifecycleState.DEACTIVATED, "expired"));
        assertThat(KeyState.of(false, Optional.empty(), PAST, NOW).nativeState()).isEqualTo("expired, disabled");
        assertThat(KeyState.deleted(FUTURE).nativeState()).isEqualTo("deleted (recoverable until 2027-01-01T00:00:00Z)");
        assertThat(KeyState.deleted(Optional.empty()).state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(KeyState.purged().attributes()).containsEntry("state", "DESTROYED").containsEntry("nativeState", "purged");
    }

    @Test
    void expiryAtTheVeryInstantHasExpired() {
        assertThat(KeyState.of(true, Optional.empty(), Optional.of(NOW), NOW).state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(KeyState.of(true, Optional.of(NOW), Optional.empty(), NOW).state()).isEqualTo(LifecycleState.ACTIVE);
    }
}
