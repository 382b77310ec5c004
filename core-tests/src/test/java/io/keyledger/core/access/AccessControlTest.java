package io.keyledger.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private static final Resource ACME_KEY = Resource.key("acme", "aws:arn:aws:kms:us-east-1:111122223333:key/k");

    @Test
    void theMatrixGrowsFromViewerToAdmin() {
        assertThat(Role.VIEWER.operations()).containsExactly(Operation.READ_INVENTORY);
        assertThat(Role.AUDITOR.operations()).containsAll(Role.VIEWER.operations())
                .contains(Operation.READ_HISTORY, Operation.READ_LEDGER, Operation.VERIFY_LEDGER, Operation.READ_REPORTS)
                .doesNotContain(Operation.ANNOTATE_KEY);
        assertThat(Role.CUSTODIAN.operations()).containsAll(Role.AUDITOR.operations())
                .contains(Operation.ANNOTATE_KEY, Operation.DECLARE_COMPROMISE, Operation.ACKNOWLEDGE_ALERT)
                .doesNotContain(Operation.MANAGE_LEGAL_HOLDS);
        assertThat(Role.ADMIN.operations()).containsAll(Role.CUSTODIAN.operations())
                .contains(Operation.MANAGE_LEGAL_HOLDS, Operation.MANAGE_POLICIES, Operation.RUN_SWEEP)
                .doesNotContain(Operation.INGEST_EVENTS);
        assertThat(Role.SYSTEM.operations()).contains(Operation.INGEST_EVENTS)
                .doesNotContain(Operation.ANNOTATE_KEY, Operation.MANAGE_LEGAL_HOLDS, Operation.DECLARE_COMPROMISE);
    }

    @Test
    void aViewerReadsButDoesNotChange() {
        Principal viewer = Principal.of("carol", "acme", Role.VIEWER);

        assertThat(AccessControl.decide(viewer, "acme", Operation.READ_INVENTORY, ACME_KEY)).isEqualTo(AccessDecision.ALLOWED);
        assertThat(AccessControl.decide(viewer, "acme", Operation.ANNOTATE_KEY, ACME_KEY)).isEqualTo(AccessDecision.DENIED);
        assertThat(AccessControl.decide(viewer, "acme", Operation.READ_LEDGER, ACME_KEY)).isEqualTo(AccessDecision.DENIED);
    }

    @Property
    void anotherTenantsResourceIsNotFoundWhateverTheRole(@ForAll Role role, @ForAll Operation operation) {
        Principal p = new Principal("dave", Map.of("beta", Set.of(role)));

        assertThat(AccessControl.decide(p, "beta", operation, ACME_KEY)).isEqualTo(AccessDecision.NOT_FOUND);
        assertThat(AccessControl.decide(p, "acme", operation, ACME_KEY)).isEqualTo(AccessDecision.NOT_FOUND);
    }

    @Property
    void aDecisionFollowsTheMatrix(@ForAll Role role, @ForAll Operation operation) {
        Principal p = Principal.of("erin", "acme", role);

        AccessDecision expected = role.operations().contains(operation) ? AccessDecision.ALLOWED : AccessDecision.DENIED;
        assertThat(AccessControl.decide(p, "acme", operation, ACME_KEY)).isEqualTo(expected);
    }

    @Test
    void requireSaysNotFoundWithoutNamingTheOtherTenant() {
        Principal p = Principal.of("dave", "beta", Role.ADMIN);

        assertThatThrownBy(() -> AccessControl.require(p, "acme", Operation.READ_INVENTORY, ACME_KEY))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.decision()).isEqualTo(AccessDecision.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("key not found");
                });
    }

    @Test
    void everyOperationIsAllowedToSomeRole() {
        EnumSet<Operation> covered = EnumSet.noneOf(Operation.class);
        for (Role r : Role.values()) {
            covered.addAll(r.operations());
        }
        assertThat(covered).containsExactlyInAnyOrder(Operation.values());
    }
}
