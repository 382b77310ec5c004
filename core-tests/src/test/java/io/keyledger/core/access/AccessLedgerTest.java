package io.keyledger.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TENANT = "acme";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final AccessLedger access = new AccessLedger(store, clock, new RetentionService(store, clock));

    private List<LedgerRecord> records(LedgerEntryType type) {
        return store.ledger(TENANT, 1, Optional.empty(), true, PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                .filter(r -> r.type() == type).toList();
    }

    @Test
    void aRepeatedRefusalIsWrittenOnceAMinuteWithTheCountItStandsFor() {
        for (int i = 0; i < 50; i++) {
            access.refused(TENANT, "viewer@example.com", Operation.ANNOTATE_KEY, AccessDecision.DENIED);
        }
        assertThat(records(LedgerEntryType.ACCESS_REFUSED)).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        access.refused(TENANT, "viewer@example.com", Operation.ANNOTATE_KEY, AccessDecision.DENIED);

        List<LedgerRecord> refused = records(LedgerEntryType.ACCESS_REFUSED);
        assertThat(refused).hasSize(2);
        assertThat(Json.mapper().readTree(refused.get(0).payload()).get("count").asLong()).isEqualTo(1);
        // The 49 held back, and this one.
        assertThat(Json.mapper().readTree(refused.get(1).payload()).get("count").asLong()).isEqualTo(50);
        assertThat(AccessFacts.gather(store, TENANT, clock.instant()).requestsRefused()).isEqualTo(51);
    }

    @Test
    void refusalsHeldBackAreWrittenWhenFlushed() {
        access.refused(TENANT, "a", Operation.RUN_SWEEP, AccessDecision.DENIED);
        access.refused(TENANT, "a", Operation.RUN_SWEEP, AccessDecision.DENIED);
        access.refused(TENANT, "b", Operation.RUN_SWEEP, AccessDecision.DENIED);
        clock.advance(Duration.ofMinutes(5));

        access.flushOlderThan(clock.instant());

        assertThat(AccessFacts.gather(store, TENANT, clock.instant()).requestsRefused()).isEqualTo(3);
        assertThat(records(LedgerEntryType.ACCESS_REFUSED)).hasSize(3);
    }

    @Test
    void anAllowedRequestIsNoRefusal() {
        assertThatThrownBy(() -> access.refused(TENANT, "a", Operation.RUN_SWEEP, AccessDecision.ALLOWED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decision");
    }

    @Test
    void tokensHoldTheirRolesUntilTheyExpireAndReviewsSayWhatTheyCovered() {
        access.tokenIssued(TENANT, "alice", Set.of(Role.AUDITOR, Role.VIEWER), T0, T0.plus(Duration.ofDays(1)), "t-1",
                "local:root");
        access.tokenIssued(TENANT, "alice", Set.of(Role.AUDITOR), T0, T0.plus(Duration.ofDays(3)), "t-2", "local:root");
        access.tokenIssued(TENANT, "carol", Set.of(Role.ADMIN), T0, T0.plus(Duration.ofHours(1)), "t-3", "local:root");
        AccessFacts now = AccessFacts.gather(store, TENANT, T0);
        access.reviewed(TENANT, "ciso@example.com", "Q1", now.grants(RoleGrants.NONE, TENANT));

        AccessFacts later = AccessFacts.gather(store, TENANT, T0.plus(Duration.ofDays(2)));

        assertThat(now.tokensIssued()).isEqualTo(3);
        assertThat(now.tokenGrants()).extracting(RoleGrant::describe).containsExactly(
                "alice: auditor (local token)", "alice: viewer (local token)", "carol: admin (local token)");
        // The longest-lived token stands for the subject's role.
        assertThat(now.tokenGrants().get(0).expiresAt()).contains(T0.plus(Duration.ofDays(3)));
        assertThat(later.tokenGrants()).extracting(RoleGrant::describe).containsExactly("alice: auditor (local token)");
        assertThat(later.lastReview()).hasValueSatisfying(r -> {
            assertThat(r.by()).isEqualTo("ciso@example.com");
            assertThat(r.note()).isEqualTo("Q1");
            assertThat(r.grantsReviewed()).containsExactlyInAnyOrder("alice auditor", "alice viewer", "carol admin");
        });
        assertThat(later.notReviewed(later.grants(t -> List.of(new RoleGrant("email new@example.com", Role.ADMIN,
                RoleGrant.Source.PRINCIPAL_MAPPING, Optional.empty())), TENANT)))
                .extracting(RoleGrant::principal).containsExactly("email new@example.com");
    }

    @Test
    void aReviewNeedsAReviewer() {
        assertThatThrownBy(() -> access.reviewed(TENANT, " ", "", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewedBy");
    }

    @Test
    void aTenantWithoutLedgerDoesNotExist() {
        assertThat(access.tenantExists("ghost")).isFalse();
        access.refused(TENANT, "a", Operation.RUN_SWEEP, AccessDecision.DENIED);
        assertThat(access.tenantExists(TENANT)).isTrue();
    }
}
