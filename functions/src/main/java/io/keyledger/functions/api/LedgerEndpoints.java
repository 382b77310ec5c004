package io.keyledger.functions.api;

import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;

/**
 * Verification of the tenant's hash-chained ledger. A GET: it only reads. A broken ledger is a finding,
 * not an error, so the answer is 200 either way, with {@code intact} and the first break.
 */
final class LedgerEndpoints {

    private final LedgerVerifier verifier;

    LedgerEndpoints(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    HttpResponse verify(ApiCall call) {
        return ApiResponses.json(200, JsonViews.verification(verifier.verify(call.tenant())));
    }
}
