package io.keyledger.core.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Roles and what each may do. Human roles build on each other: an auditor may do all a viewer may,
 * a custodian all an auditor may, an admin all a custodian may. The system role is that of the
 * ingest and sweep functions, and of nothing else.
 */
public enum Role {
    VIEWER(EnumSet.of(Operation.READ_INVENTORY)),
    AUDITOR(with(VIEWER, Operation.READ_HISTORY, Operation.READ_LEDGER, Operation.VERIFY_LEDGER,
            Operation.READ_REPORTS, Operation.READ_ALERTS, Operation.READ_SWEEPS, Operation.READ_LEGAL_HOLDS,
            Operation.READ_ACCESS)),
    CUSTODIAN(with(AUDITOR, Operation.ANNOTATE_KEY, Operation.DECLARE_COMPROMISE, Operation.ACKNOWLEDGE_ALERT)),
    ADMIN(with(CUSTODIAN, Operation.MANAGE_LEGAL_HOLDS, Operation.MANAGE_POLICIES, Operation.RUN_SWEEP,
            Operation.PURGE_EXPIRED, Operation.REVIEW_ACCESS, Operation.EXPORT_FEED, Operation.IMPORT_FEED)),
    SYSTEM(EnumSet.of(Operation.INGEST_EVENTS, Operation.READ_INVENTORY, Operation.RUN_SWEEP,
            Operation.PURGE_EXPIRED, Operation.VERIFY_LEDGER));

    private final Set<Operation> operations;

    Role(EnumSet<Operation> operations) {
        this.operations = Collections.unmodifiableSet(operations);
    }

    public Set<Operation> operations() {
        return operations;
    }

    public boolean allows(Operation operation) {
        return operations.contains(operation);
    }

    private static EnumSet<Operation> with(Role base, Operation... more) {
        EnumSet<Operation> set = EnumSet.copyOf(base.operations);
        Collections.addAll(set, more);
        return set;
    }
}
