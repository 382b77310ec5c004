package io.keyledger.azure.functions;

import io.keyledger.azure.keyvault.VaultScopes;
import java.util.List;
import java.util.Map;

/**
 * What a fan-out queued: the sweep's id, the vaults found, how many were queued, those that could not be
 * (vault and error), and the subscriptions whose vaults could not be listed (with why).
 */
public record FanOutSummary(String sweepId, int vaults, int sent, List<String> failed,
                            Map<String, String> unreachableSubscriptions) {

    public FanOutSummary {
        failed = List.copyOf(failed);
        unreachableSubscriptions = Map.copyOf(unreachableSubscriptions);
    }

    static FanOutSummary of(String sweepId, VaultScopes.ScopeListing listing, SweepQueue.Result result) {
        return new FanOutSummary(sweepId, listing.scopes().size(), result.sent(),
                result.failed().stream().map(f -> f.request().subscription() + "/" + f.request().vault() + ": "
                        + f.error()).toList(), listing.unreachableSubscriptions());
    }
}
