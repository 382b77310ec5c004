package io.keyledger.azure.ledger;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Refuses, before it is authorised or sent, any request of the ledger's Key Vault client that has no row in
 * {@link AzureLedgerOperation}: the deployment grants only the declared ones on the ledger key.
 */
public final class LedgerOperations implements HttpPipelinePolicy {

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        try {
            check(context.getHttpRequest());
        } catch (IllegalStateException e) {
            return Mono.error(e);
        }
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest());
        return next.processSync();
    }

    private static void check(HttpRequest request) {
        String method = request.getHttpMethod().name();
        String path = request.getUrl().getPath();
        if (AzureLedgerOperation.find(method, path).isEmpty()) {
            throw new IllegalStateException("the ledger sends " + method + " " + path
                    + ", which AzureLedgerOperation does not declare: the deployment would deny it");
        }
    }
}
