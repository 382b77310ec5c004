package io.keyledger.testkit.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A Microsoft Entra ID credential for the fakes: it issues a token naming the tenant and the scope asked for
 * ({@code fake|<tenant>|<scope>}), which the fakes check as Key Vault and Resource Manager check audiences,
 * and it keeps every request for a token, so that a test can see the SDK's challenge flow ask for the scope the
 * vault named. Its tokens never expire (they are valid until 2099).
 */
public final class FakeEntraCredential implements TokenCredential {

    /** One request for a token: the scopes and the tenant the challenge named (empty if none). */
    public record Request(List<String> scopes, String tenant) {
    }

    private final String homeTenant;
    private final List<Request> requests = new ArrayList<>();

    public FakeEntraCredential(String homeTenant) {
        this.homeTenant = homeTenant;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext context) {
        return Mono.fromCallable(() -> getTokenSync(context));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext context) {
        String tenant = context.getTenantId() == null || context.getTenantId().isBlank() ? homeTenant : context.getTenantId();
        synchronized (requests) {
            requests.add(new Request(List.copyOf(context.getScopes()), context.getTenantId() == null ? "" : context.getTenantId()));
        }
        String scope = context.getScopes().isEmpty() ? "" : context.getScopes().get(0);
        return new AccessToken("fake|" + tenant + "|" + scope, OffsetDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    /** Every request for a token so far. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The scope a token was issued for, or empty if it is not one of this credential's. */
    static String scopeOf(String bearer, String tenant) {
        String prefix = "fake|" + tenant + "|";
        return bearer != null && bearer.startsWith(prefix) ? bearer.substring(prefix.length()) : "";
    }
}
