package io.keyledger.gcp.cloudkms;

import io.keyledger.core.sweep.OperationClass;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.PacingQuota;
import io.keyledger.core.sweep.TokenBucket;
import java.time.Clock;
import java.util.Objects;

/**
 * The read quota of one Google Cloud project as the sweep paces it: one bucket for every Cloud KMS read of the
 * project, whatever its location (Cloud KMS meters reads per project), and one for KMS Inventory, which has its
 * own. Every key source of the project's locations must share one instance ({@link GcpSweepScopes} does), or
 * their sweeps would together exceed the quota.
 */
public final class ProjectReadQuota {

    private final String project;
    private final TokenBucket kmsReads;
    private final TokenBucket inventoryReads;

    public ProjectReadQuota(String project, PacingPolicy policy, Clock clock) {
        this.project = Objects.requireNonNull(project, "project");
        this.kmsReads = new PacingQuota(policy, clock).bucket(OperationClass.LIST);
        this.inventoryReads = new PacingQuota(policy, clock).bucket(OperationClass.LIST);
    }

    public String project() {
        return project;
    }

    /** The bucket of the method's quota. */
    TokenBucket bucket(GcpSweepOperation operation) {
        return operation.meteredByCloudKms() ? kmsReads : inventoryReads;
    }
}
