package io.keyledger.azure.functions;

import io.keyledger.core.sweep.SweepReport;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of {@value AzureFunctionNames#SWEEP_VAULT} did: the vault's report, and the follow-up it queued
 * when the listing was cut short.
 *
 * @param followUp the next run's request, queued; empty when the vault was swept whole, when the run cannot be
 *                 resumed (cut short before its first page: the next whole sweep covers it), or when the sweep
 *                 was resumed {@value VaultSweepRequest#MAX_RESUMES} times already
 */
public record VaultSweepResult(VaultSweepRequest request, SweepReport report, Optional<VaultSweepRequest> followUp) {

    public VaultSweepResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(followUp, "followUp");
    }
}
